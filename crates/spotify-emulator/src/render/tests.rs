//! Render tests: shapes, quota modes, markets and paging, from the built-in catalogue.
