//! Long lists (members, the audit log) are read a page at a time, so that their cost does not
//! grow with the group.

/// Which page of a list (from 1) and how many rows a page holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub page: i64,
    pub per_page: i64,
}

impl Paging {
    /// The page asked for, within bounds: pages from 1, 1 to `max` rows, `default` when not said.
    pub fn new(page: Option<i64>, per_page: Option<i64>, default: i64, max: i64) -> Self {
        Paging {
            page: page.unwrap_or(1).max(1),
            per_page: per_page.unwrap_or(default).clamp(1, max),
        }
    }

    /// Rows before this page.
    pub fn offset(&self) -> i64 {
        (self.page - 1).saturating_mul(self.per_page)
    }

    /// Whether rows remain after this page, of `total`.
    pub fn has_next(&self, total: i64) -> bool {
        self.page.saturating_mul(self.per_page) < total
    }

    pub fn has_previous(&self) -> bool {
        self.page > 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_stay_within_bounds() {
        assert_eq!(
            Paging::new(None, None, 50, 100),
            Paging {
                page: 1,
                per_page: 50
            }
        );
        assert_eq!(
            Paging::new(Some(0), Some(1000), 50, 100),
            Paging {
                page: 1,
                per_page: 100
            }
        );
        assert_eq!(
            Paging::new(Some(-3), Some(0), 50, 100),
            Paging {
                page: 1,
                per_page: 1
            }
        );
        assert_eq!(
            Paging::new(Some(i64::MAX), Some(100), 50, 100).offset(),
            i64::MAX
        );
    }

    #[test]
    fn a_page_knows_its_neighbours() {
        let second = Paging::new(Some(2), Some(10), 50, 100);
        assert_eq!(second.offset(), 10);
        assert!(second.has_previous());
        assert!(second.has_next(21));
        assert!(!second.has_next(20));
        assert!(!Paging::new(None, Some(10), 50, 100).has_previous());
    }
}
