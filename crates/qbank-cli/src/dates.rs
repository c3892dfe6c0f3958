//! Calendar dates as the CLI needs them: today's date from `SOURCE_DATE_EPOCH` or the clock,
//! and `YYYY-MM-DD` to a day number and back ([`qbank_core::date`]). Only the CLI reads the
//! clock; libraries get dates as arguments.

pub use qbank_core::date::{format_date, parse_date};

/// Days since 1970-01-01 of SOURCE_DATE_EPOCH, or of now.
pub fn today() -> i64 {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    secs.div_euclid(86_400)
}
