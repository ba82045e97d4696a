//! Placeholder.
use crate::coverage::Call;
pub(crate) const CALLS: &[(&str, Call)] = &[];
