//! A small, seeded, deterministic pseudo-random number generator (SplitMix64).
//!
//! The generator must give the same corpus for the same seed on every platform and every
//! version of the toolchain, so it uses no external crate and no floating-point functions
//! whose results could differ between platforms except `ln`, `sqrt`, `cos` and `exp` (used for
//! the size distributions, whose exact low bits do not change any chosen integer in practice).

/// SplitMix64: a 64-bit generator with good statistical quality for test data.
///
/// ```
/// let mut a = cablecore_benches::rng::Rng::new(7);
/// let mut b = cablecore_benches::rng::Rng::new(7);
/// assert_eq!(a.next_u64(), b.next_u64());
/// ```
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Rng {
            state: seed ^ 0x5DEE_CE66_D1CE_4E5B,
        }
    }

    /// A new generator derived from this one (independent stream, advances `self` once).
    pub fn fork(&mut self) -> Rng {
        Rng::new(self.next_u64())
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (returns 0 for `n == 0`).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        // Lemire's multiply-shift reduction; the tiny bias is irrelevant for test data.
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi` (returns `lo` when `hi < lo`).
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        if hi <= lo {
            return lo;
        }
        lo + self.below(hi - lo + 1)
    }

    /// Uniform float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// `true` with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A uniformly chosen element of a non-empty slice.
    ///
    /// # Panics
    /// Panics if `items` is empty (all callers pass constant, non-empty tables).
    pub fn pick<'t, T>(&mut self, items: &'t [T]) -> &'t T {
        &items[self.below(items.len())]
    }

    /// A uniformly chosen string of a non-empty table of strings.
    ///
    /// # Panics
    /// Panics if `items` is empty.
    pub fn pick_str<'t>(&mut self, items: &[&'t str]) -> &'t str {
        items[self.below(items.len())]
    }

    /// Index chosen with the given integer weights (0 if all weights are 0).
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        if total == 0 {
            return 0;
        }
        let mut r = ((u128::from(self.next_u64()) * u128::from(total)) >> 64) as u64;
        for (i, &w) in weights.iter().enumerate() {
            if r < u64::from(w) {
                return i;
            }
            r -= u64::from(w);
        }
        weights.len() - 1
    }

    /// Element chosen from `(weight, value)` pairs.
    ///
    /// # Panics
    /// Panics if `items` is empty.
    pub fn pick_weighted<'t, T>(&mut self, items: &'t [(u32, T)]) -> &'t T {
        let mut total: u64 = 0;
        for (w, _) in items {
            total += u64::from(*w);
        }
        let mut r = ((u128::from(self.next_u64()) * u128::from(total.max(1))) >> 64) as u64;
        for (w, v) in items {
            if r < u64::from(*w) {
                return v;
            }
            r -= u64::from(*w);
        }
        &items[items.len() - 1].1
    }

    /// Standard normal deviate (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.unit(); // (0, 1]
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// Log-normal deviate with the given median and log-space standard deviation.
    pub fn lognormal(&mut self, median: f64, sigma: f64) -> f64 {
        median * (sigma * self.normal()).exp()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream() {
        let mut a = Rng::new(42);
        let mut b = Rng::new(42);
        for _ in 0..1000 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        let mut c = Rng::new(43);
        assert_ne!(Rng::new(42).next_u64(), c.next_u64());
    }

    #[test]
    fn ranges_hold() {
        let mut r = Rng::new(1);
        let mut seen = [false; 5];
        for _ in 0..10_000 {
            let v = r.range(3, 7);
            assert!((3..=7).contains(&v));
            seen[v - 3] = true;
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
        }
        assert!(seen.iter().all(|&s| s));
        assert_eq!(r.below(0), 0);
        assert_eq!(r.range(5, 2), 5);
    }

    #[test]
    fn weights_are_respected() {
        let mut r = Rng::new(9);
        let mut counts = [0u32; 3];
        for _ in 0..30_000 {
            counts[r.weighted(&[1, 0, 2])] += 1;
        }
        assert_eq!(counts[1], 0);
        assert!(counts[2] > counts[0] * 3 / 2, "{counts:?}");
    }

    #[test]
    fn lognormal_median() {
        let mut r = Rng::new(5);
        let mut v: Vec<f64> = (0..20_001).map(|_| r.lognormal(1000.0, 0.5)).collect();
        v.sort_by(|a, b| a.total_cmp(b));
        let med = v[10_000];
        assert!((900.0..1100.0).contains(&med), "{med}");
    }
}
