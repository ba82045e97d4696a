//! TLS for the HTTP client: the platform's root certificates, read at the first TLS handshake
//! instead of when a client is built.
//!
//! reqwest's rustls backend reads and parses every root certificate of the system
//! (`/etc/ssl/certs` on Linux) in `ClientBuilder::build`, so every `Session` and client paid
//! for them, even one that only talks plain `http` to an emulator on loopback (the CLI's
//! `--emulator`, our users' test suites). Here the client gets the same rustls configuration
//! reqwest makes (the process's default crypto provider, else aws-lc-rs; TLS 1.3 and 1.2; ALPN
//! `h2` then `http/1.1`; SNI on), with one difference: its certificate verifier is
//! `rustls-platform-verifier`'s, as reqwest's is, but made on the first certificate it has to
//! check and kept for the client's life.
//!
//! What changes for an `https` user: nothing but when the roots are read. A system with no
//! usable root certificate used to fail at `build` (`ConfigError::HttpClient`); it now fails
//! the first `https` request, with the same message, as a transport error.

use std::sync::{Arc, OnceLock};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use rustls_platform_verifier::Verifier;

/// The rustls configuration the HTTP client is built with, or `None` if rustls refuses it (a
/// process-wide crypto provider with no TLS 1.2 or 1.3 support): the caller then lets reqwest
/// configure TLS itself, as it did before.
pub(crate) fn client_config() -> Option<rustls::ClientConfig> {
    let provider = CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(rustls::crypto::aws_lc_rs::default_provider()));
    let verifier = LazyPlatformVerifier {
        provider: Arc::clone(&provider),
        inner: OnceLock::new(),
    };
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(rustls::ALL_VERSIONS)
        .ok()?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Some(config)
}

/// The platform verifier, made (and the system's roots read) on first use.
#[derive(Debug)]
struct LazyPlatformVerifier {
    provider: Arc<CryptoProvider>,
    inner: OnceLock<Result<Verifier, rustls::Error>>,
}

impl LazyPlatformVerifier {
    fn verifier(&self) -> Result<&Verifier, rustls::Error> {
        self.inner
            .get_or_init(|| Verifier::new(Arc::clone(&self.provider)))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Whether the roots have been read.
    #[cfg(test)]
    fn is_loaded(&self) -> bool {
        self.inner.get().is_some()
    }
}

impl ServerCertVerifier for LazyPlatformVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        self.verifier()?.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        )
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.verifier()?.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.verifier()?.verify_tls13_signature(message, cert, dss)
    }

    /// Asked when a handshake starts, before any certificate: answered from the provider, as
    /// the platform verifier does, so that it reads no roots.
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lazy() -> LazyPlatformVerifier {
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        LazyPlatformVerifier {
            provider,
            inner: OnceLock::new(),
        }
    }

    #[test]
    fn the_config_is_what_reqwest_makes() {
        let config = client_config().expect("a config");
        assert_eq!(config.alpn_protocols, [&b"h2"[..], b"http/1.1"]);
        assert!(config.enable_sni);
    }

    #[test]
    fn schemes_come_without_reading_roots_and_match_the_platform_verifier() {
        let verifier = lazy();
        let schemes = verifier.supported_verify_schemes();
        assert!(!verifier.is_loaded());
        let platform = Verifier::new(Arc::clone(&verifier.provider)).expect("system roots");
        assert_eq!(schemes, platform.supported_verify_schemes());
    }

    #[test]
    fn a_certificate_check_reads_the_roots_and_refuses_an_unknown_issuer() {
        let verifier = lazy();
        let name = ServerName::try_from("api.spotify.com").expect("a name");
        // A self-signed leaf for api.spotify.com (CA:FALSE, serverAuth), valid until 2126, made
        // with `openssl req -x509`:
        // a well-formed certificate that no root vouches for.
        let self_signed = CertificateDer::from(
            &include_bytes!("../tests/data/self-signed-api.spotify.com.der")[..],
        );
        let refused = verifier.verify_server_cert(&self_signed, &[], &name, &[], UnixTime::now());
        assert_eq!(
            refused.err(),
            Some(rustls::Error::InvalidCertificate(
                rustls::CertificateError::UnknownIssuer
            ))
        );
        assert!(verifier.is_loaded());
        // Junk is refused too, by the same verifier (the roots were read once, kept).
        let junk = CertificateDer::from(vec![0x30, 0x03, 0x02, 0x01, 0x00]);
        let junk = verifier.verify_server_cert(&junk, &[], &name, &[], UnixTime::now());
        assert!(junk.is_err(), "junk is no certificate");
    }
}
