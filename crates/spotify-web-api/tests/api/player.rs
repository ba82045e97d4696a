//! The player, through the library against the emulator.

use crate::coverage::Call;

/// The player's operations, for the coverage harness (a user token with every scope).
pub(crate) const USER_CALLS: &[(&str, Call)] = calls! {
    "get-a-users-available-devices" => |api| api.get_my_devices();
};
