//! Bounded exponential backoff with full jitter (API-RULE-5: retry 429 with
//! exponential backoff, never loop).

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Backoff {
    pub base: Duration,
    pub cap: Duration,
    /// How many retries at most; after that the error is returned.
    pub max_retries: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            base: Duration::from_millis(250),
            cap: Duration::from_secs(8),
            max_retries: 4,
        }
    }
}

impl Backoff {
    /// Upper bound of the wait before retry number `attempt` (0-based).
    pub fn ceiling(&self, attempt: u32) -> Duration {
        let factor = 1u64.checked_shl(attempt.min(30)).unwrap_or(u64::MAX);
        let ms = (self.base.as_millis() as u64).saturating_mul(factor);
        Duration::from_millis(ms.min(self.cap.as_millis() as u64))
    }

    /// The wait before retry `attempt`, or `None` when retries are used up.
    /// `jitter` is a number in `[0, 1)`; `retry_after` (from the server)
    /// is honoured as a lower bound, still capped.
    pub fn delay(
        &self,
        attempt: u32,
        jitter: f64,
        retry_after: Option<Duration>,
    ) -> Option<Duration> {
        if attempt >= self.max_retries {
            return None;
        }
        let ceil = self.ceiling(attempt);
        let j = jitter.clamp(0.0, 0.999_999);
        // Full jitter between half the ceiling and the ceiling keeps waits
        // from collapsing to zero while spreading clients apart.
        let ms = ceil.as_millis() as f64 * (0.5 + 0.5 * j);
        let mut d = Duration::from_millis(ms as u64);
        if let Some(ra) = retry_after {
            d = d.max(ra.min(self.cap));
        }
        Some(d)
    }

    /// The same with a random jitter.
    #[cfg(feature = "client")]
    pub fn delay_random(&self, attempt: u32, retry_after: Option<Duration>) -> Option<Duration> {
        self.delay(attempt, rand::random::<f64>(), retry_after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn stops_after_max_retries() {
        let b = Backoff::default();
        assert!(b.delay(b.max_retries - 1, 0.3, None).is_some());
        assert!(b.delay(b.max_retries, 0.3, None).is_none());
    }

    #[test]
    fn grows_then_caps() {
        let b = Backoff {
            base: Duration::from_millis(100),
            cap: Duration::from_secs(1),
            max_retries: 10,
        };
        assert_eq!(b.ceiling(0), Duration::from_millis(100));
        assert_eq!(b.ceiling(2), Duration::from_millis(400));
        assert_eq!(b.ceiling(9), Duration::from_secs(1));
    }

    proptest! {
        #[test]
        fn delay_is_bounded(attempt in 0u32..64, jitter in 0.0f64..1.0, ra in proptest::option::of(0u64..100_000)) {
            let b = Backoff::default();
            match b.delay(attempt, jitter, ra.map(Duration::from_millis)) {
                None => prop_assert!(attempt >= b.max_retries),
                Some(d) => {
                    prop_assert!(d <= b.cap);
                    prop_assert!(d >= b.ceiling(attempt) / 2 - Duration::from_millis(1));
                }
            }
        }
    }
}
