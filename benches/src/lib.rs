//! Benches, corpus generator and measuring tools for `cablecore`.
//!
//! * [`gen`]: a seeded, deterministic generator of realistic *invented* cables in every
//!   variant of `docs/format.md`, returning per-cable [`gen::CableFacts`];
//! * [`write`](mod@write): streams generated cables as `cables.csv`, cablegate HTML pages or
//!   concatenated text, up to the size of the full dump, without holding it in memory;
//! * [`slow`]: pathological inputs for linear-time checks;
//! * [`rng`]: the small PRNG everything is drawn from;
//! * [`peak_rss_bytes`]: the process's peak resident set size (Linux).
//!
//! Binaries: `gencorpus` (write a corpus) and `parsebench` (end-to-end throughput).
//! Criterion benches: `engine` (tokenizer, parse, slow inputs) and `containers`.
#![warn(missing_docs)]

pub mod data;
pub mod gen;
pub mod rng;
pub mod slow;
pub mod write;

/// Peak resident set size of this process in bytes (`VmHWM` of `/proc/self/status`);
/// `None` where that file is unavailable (non-Linux).
pub fn peak_rss_bytes() -> Option<u64> {
    proc_status_kib("VmHWM:").map(|k| k * 1024)
}

/// Reset the peak resident set size to the current one (Linux ≥ 4.0: writes `5` to
/// `/proc/self/clear_refs`). Returns whether it worked.
pub fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Current resident set size in bytes (`VmRSS`), `None` off Linux.
pub fn current_rss_bytes() -> Option<u64> {
    proc_status_kib("VmRSS:").map(|k| k * 1024)
}

/// Parse a count or size given on a command line: `123`, `1_000`, `10k`, `5M`, `1.7G`
/// (powers of 1000) or `64KiB`, `16MiB`, `1GiB` (powers of 1024).
pub fn parse_num(s: &str) -> Result<u64, String> {
    let (digits, mult) = match s {
        _ if s.ends_with("GiB") => (&s[..s.len() - 3], 1u64 << 30),
        _ if s.ends_with("MiB") => (&s[..s.len() - 3], 1 << 20),
        _ if s.ends_with("KiB") => (&s[..s.len() - 3], 1 << 10),
        _ if s.ends_with(['G', 'g']) => (&s[..s.len() - 1], 1_000_000_000),
        _ if s.ends_with(['M', 'm']) => (&s[..s.len() - 1], 1_000_000),
        _ if s.ends_with(['K', 'k']) => (&s[..s.len() - 1], 1_000),
        _ => (s, 1),
    };
    let digits = digits.replace('_', "");
    if digits.contains('.') && mult > 1 {
        // `1.7G`: a decimal with a suffix.
        let x: f64 = digits.parse().map_err(|_| format!("not a number: {s:?}"))?;
        let v = x * mult as f64;
        return if v.is_finite() && v >= 0.0 && v < u64::MAX as f64 {
            Ok(v as u64)
        } else {
            Err(format!("out of range: {s:?}"))
        };
    }
    let n: u64 = digits.parse().map_err(|_| format!("not a number: {s:?}"))?;
    n.checked_mul(mult).ok_or(format!("too large: {s:?}"))
}

fn proc_status_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line[key.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers() {
        use super::parse_num;
        assert_eq!(parse_num("10k"), Ok(10_000));
        assert_eq!(parse_num("2MiB"), Ok(2 << 20));
        assert_eq!(parse_num("1_000"), Ok(1000));
        assert_eq!(parse_num("3G"), Ok(3_000_000_000));
        assert_eq!(parse_num("1.7G"), Ok(1_700_000_000));
        assert!(parse_num("1.7").is_err());
        assert!(parse_num("x").is_err());
        assert!(parse_num("").is_err());
    }

    #[test]
    fn rss_is_read_on_linux() {
        if cfg!(target_os = "linux") {
            let peak = super::peak_rss_bytes().expect("VmHWM");
            let now = super::current_rss_bytes().expect("VmRSS");
            assert!(peak >= now && now > 0);
        }
    }
}
