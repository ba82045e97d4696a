//! Audio features and audio analysis of tracks: [`AudioFeatures`] (`AudioFeaturesObject`, from
//! `GET /audio-features[/{id}]`) and [`AudioAnalysis`] (`AudioAnalysisObject`, from
//! `GET /audio-analysis/{id}`) with its [`AudioAnalysisMeta`], [`AudioAnalysisTrack`], time
//! intervals (bars, beats, tatums: [`TimeInterval`]), [`Section`]s and [`Segment`]s.
//!
//! These endpoints were removed for apps created since 2024-11-27 (API-CHANGES.md). Real numbers
//! are `f64` (so they serialize back as Spotify sent them); keys, modes and time signatures are
//! `i32`, since Spotify uses `-1` for "not detected".

use crate::id::TrackId;
use crate::lenient::model;

use super::common::ItemType;

model! {
    /// Audio features of a track (`AudioFeaturesObject`).
    pub struct AudioFeatures {
        /// Confidence, 0.0 to 1.0, that the track is acoustic.
        pub acousticness: f64,
        /// The Web API URL of the track's full audio analysis.
        pub analysis_url: String,
        /// How suitable the track is for dancing, 0.0 (least) to 1.0 (most).
        pub danceability: f64,
        /// The track length in milliseconds.
        pub duration_ms: u32,
        /// A perceptual measure of intensity and activity, 0.0 to 1.0.
        pub energy: f64,
        /// The Spotify ID of the track.
        pub id: TrackId,
        /// Likelihood, 0.0 to 1.0, that the track has no vocals; above 0.5 means instrumental.
        pub instrumentalness: f64,
        /// The key of the track in pitch-class notation (0 = C, 1 = C♯/D♭, ...); -1 if no key was
        /// detected.
        pub key: i32,
        /// Likelihood, 0.0 to 1.0, that the track was performed live; above 0.8 means live.
        pub liveness: f64,
        /// The average loudness of the track in decibels, typically -60 to 0.
        pub loudness: f64,
        /// The modality of the track: 1 major, 0 minor.
        pub mode: i32,
        /// The presence of spoken words, 0.0 to 1.0; above 0.66 means mostly speech.
        pub speechiness: f64,
        /// The estimated tempo in beats per minute.
        pub tempo: f64,
        /// The estimated time signature: beats per bar, 3 to 7.
        pub time_signature: i32,
        /// The Web API URL of the track.
        pub track_href: String,
        /// The object type: `audio_features`.
        #[json = "type"]
        pub kind: ItemType = ItemType::AudioFeatures,
        /// The Spotify URI of the track.
        pub uri: String,
        /// The musical positiveness of the track, 0.0 (sad, angry) to 1.0 (happy, cheerful).
        pub valence: f64,
    }
}

model! {
    /// How an audio analysis was made (the `meta` of an `AudioAnalysisObject`).
    pub struct AudioAnalysisMeta {
        /// The version of the analyser (`4.0.0`).
        pub analyzer_version: String,
        /// The platform the analysis ran on (`Linux`).
        pub platform: String,
        /// A detailed status code for the analysis (`OK`).
        pub detailed_status: String,
        /// The return code of the analyser: 0 for success.
        pub status_code: i32,
        /// When the analysis was made, as a Unix time in seconds.
        pub timestamp: i64,
        /// How long the analysis took, in seconds.
        pub analysis_time: f64,
        /// How the audio was read (`libvorbisfile L+R 44100->22050`).
        pub input_process: String,
    }
}

model! {
    /// Track-wide results of an audio analysis (the `track` of an `AudioAnalysisObject`).
    pub struct AudioAnalysisTrack {
        /// The number of samples analysed.
        pub num_samples: u64,
        /// The length of the track in seconds.
        pub duration: f64,
        /// Empty in practice.
        pub sample_md5: String,
        /// The offset to the start of the analysed region, in seconds; 0 when the whole track was
        /// analysed.
        pub offset_seconds: f64,
        /// The length of the analysed region, in seconds; 0 when the whole track was analysed.
        pub window_seconds: f64,
        /// The sample rate of the analysed audio, in Hz.
        pub analysis_sample_rate: u32,
        /// The number of channels analysed.
        pub analysis_channels: u32,
        /// When the fade-in ends, in seconds; 0 without a fade-in.
        pub end_of_fade_in: f64,
        /// When the fade-out starts, in seconds; the track length without a fade-out.
        pub start_of_fade_out: f64,
        /// The average loudness of the track in decibels.
        pub loudness: f64,
        /// The estimated tempo in beats per minute.
        pub tempo: f64,
        /// Confidence, 0.0 to 1.0, in `tempo`.
        pub tempo_confidence: f64,
        /// The estimated time signature: beats per bar, 3 to 7.
        pub time_signature: i32,
        /// Confidence, 0.0 to 1.0, in `time_signature`.
        pub time_signature_confidence: f64,
        /// The key of the track in pitch-class notation; -1 if no key was detected.
        pub key: i32,
        /// Confidence, 0.0 to 1.0, in `key`.
        pub key_confidence: f64,
        /// The modality of the track: 1 major, 0 minor.
        pub mode: i32,
        /// Confidence, 0.0 to 1.0, in `mode`.
        pub mode_confidence: f64,
        /// An Echo Nest Musical Fingerprint (ENMFP) code string.
        pub codestring: String,
        /// The version of the ENMFP format.
        pub code_version: f64,
        /// An EchoPrint code string.
        pub echoprintstring: String,
        /// The version of the EchoPrint format.
        pub echoprint_version: f64,
        /// A Synchstring, to align this analysis with other audio of the same track.
        pub synchstring: String,
        /// The version of the Synchstring format.
        pub synch_version: f64,
        /// A Rhythmstring, the track's rhythmic fingerprint.
        pub rhythmstring: String,
        /// The version of the Rhythmstring format.
        pub rhythm_version: f64,
    }
}

model! {
    /// A bar, beat or tatum of an audio analysis (`TimeIntervalObject`).
    pub struct TimeInterval {
        /// When the interval starts, in seconds.
        pub start: f64,
        /// How long the interval lasts, in seconds.
        pub duration: f64,
        /// Confidence, 0.0 to 1.0, in the interval.
        pub confidence: f64,
    }
}

model! {
    /// A section of a track, a large variation in rhythm or timbre such as a chorus or a verse
    /// (`SectionObject`).
    pub struct Section {
        /// When the section starts, in seconds.
        pub start: f64,
        /// How long the section lasts, in seconds.
        pub duration: f64,
        /// Confidence, 0.0 to 1.0, in the section.
        pub confidence: f64,
        /// The average loudness of the section in decibels.
        pub loudness: f64,
        /// The estimated tempo of the section in beats per minute.
        pub tempo: f64,
        /// Confidence, 0.0 to 1.0, in `tempo`.
        pub tempo_confidence: f64,
        /// The key of the section in pitch-class notation; -1 if no key was detected.
        pub key: i32,
        /// Confidence, 0.0 to 1.0, in `key`.
        pub key_confidence: f64,
        /// The modality of the section: 1 major, 0 minor, -1 not detected.
        pub mode: i32,
        /// Confidence, 0.0 to 1.0, in `mode`.
        pub mode_confidence: f64,
        /// The estimated time signature of the section: beats per bar, 3 to 7.
        pub time_signature: i32,
        /// Confidence, 0.0 to 1.0, in `time_signature`.
        pub time_signature_confidence: f64,
    }
}

model! {
    /// A segment of a track: a short sound of roughly uniform timbre and harmony (`SegmentObject`).
    pub struct Segment {
        /// When the segment starts, in seconds.
        pub start: f64,
        /// How long the segment lasts, in seconds.
        pub duration: f64,
        /// Confidence, 0.0 to 1.0, in the segmentation.
        pub confidence: f64,
        /// The loudness at the start of the segment, in decibels.
        pub loudness_start: f64,
        /// The peak loudness of the segment, in decibels.
        pub loudness_max: f64,
        /// When the peak loudness is reached, in seconds from the segment's start.
        pub loudness_max_time: f64,
        /// The loudness at the end of the segment, in decibels; real bodies send it for the last
        /// segment only: `None` elsewhere.
        pub loudness_end: Option<f64>,
        /// The relative strength of the 12 pitch classes (C, C♯, ... B), each 0.0 to 1.0.
        pub pitches: Vec<f64>,
        /// The 12 timbre coefficients of the segment, unbounded, around 0.
        pub timbre: Vec<f64>,
    }
}

model! {
    /// A track's low-level audio analysis: structure and musical content (`AudioAnalysisObject`).
    pub struct AudioAnalysis {
        /// How the analysis was made.
        pub meta: AudioAnalysisMeta,
        /// Track-wide results.
        pub track: AudioAnalysisTrack,
        /// The bars (measures) of the track; empty when missing.
        pub bars: Vec<TimeInterval>,
        /// The beats of the track; empty when missing.
        pub beats: Vec<TimeInterval>,
        /// The sections of the track; empty when missing.
        pub sections: Vec<Section>,
        /// The segments of the track; empty when missing.
        pub segments: Vec<Segment>,
        /// The tatums (the smallest regular pulses) of the track; empty when missing.
        pub tatums: Vec<TimeInterval>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audio_features_keep_real_numbers_and_unknown_key() {
        let features: AudioFeatures = serde_json::from_str(
            r#"{"danceability":0.808,"energy":0.626,"key":-1,"loudness":-12.733,"mode":1.0,
                "speechiness":0.168,"acousticness":0.00187,"instrumentalness":0.159,
                "liveness":0.376,"valence":0.369,"tempo":124,"type":"audio_features",
                "id":"0eGsygTp906u18L0Oimnem","uri":"spotify:track:0eGsygTp906u18L0Oimnem",
                "duration_ms":535223,"time_signature":4}"#,
        )
        .unwrap();
        assert_eq!(features.danceability, 0.808);
        assert_eq!(features.acousticness, 0.00187);
        assert_eq!(features.key, -1);
        assert_eq!(features.mode, 1);
        assert_eq!(features.tempo, 124.0);
        assert_eq!(features.kind, ItemType::AudioFeatures);
        assert_eq!(
            serde_json::to_value(&features).unwrap()["loudness"],
            -12.733
        );
    }

    #[test]
    fn every_section_type_of_an_analysis_decodes() {
        let analysis: AudioAnalysis = serde_json::from_str(
            r#"{"meta":{"analyzer_version":"4.0.0","status_code":0,"timestamp":1444455225,
                        "analysis_time":9.52867},
                "track":{"num_samples":4896768,"duration":222.07565,"offset_seconds":0,
                         "end_of_fade_in":0,"time_signature_confidence":1,"key":1,
                         "code_version":3.15,"synch_version":1},
                "bars":[{"start":1.50375,"duration":1.60619,"confidence":0.502}],
                "beats":[{"start":0.29413,"duration":0.40586,"confidence":0.981}],
                "tatums":[{"start":0.29413,"duration":0.20293,"confidence":0.981},null],
                "sections":[{"start":0,"duration":7.15853,"confidence":1,"loudness":-10.384,
                             "tempo":148.877,"key":1,"mode":-1,"time_signature":4}],
                "segments":[{"start":0,"duration":0.25569,"confidence":1,"loudness_start":-60,
                             "loudness_max_time":0.07193,"loudness_max":-16.042,
                             "pitches":[0.052,1,0.09],"timbre":[21.282,-7.083]},
                            {"start":222,"loudness_end":-60.0,"pitches":[],"timbre":[]}]}"#,
        )
        .unwrap();
        assert_eq!(analysis.meta.timestamp, 1_444_455_225);
        assert_eq!(analysis.meta.analysis_time, 9.52867);
        assert_eq!(analysis.track.num_samples, 4_896_768);
        assert_eq!(analysis.track.duration, 222.07565);
        assert_eq!(analysis.track.code_version, 3.15);
        assert_eq!(analysis.bars[0].duration, 1.60619);
        assert_eq!(analysis.beats[0].confidence, 0.981);
        assert_eq!(analysis.tatums.len(), 1);
        assert_eq!(analysis.sections[0].mode, -1);
        assert_eq!(analysis.sections[0].tempo, 148.877);
        assert_eq!(analysis.segments[0].pitches, [0.052, 1.0, 0.09]);
        assert_eq!(analysis.segments[0].timbre[1], -7.083);
        assert_eq!(analysis.segments[0].loudness_end, None);
        assert_eq!(analysis.segments[1].loudness_end, Some(-60.0));
        let again: AudioAnalysis =
            serde_json::from_value(serde_json::to_value(&analysis).unwrap()).unwrap();
        assert_eq!(again, analysis);
    }
}
