//! 位次: competition ranking, highest first; equal values share a rank (1, 2, 2, 4); undefined
//! values come last, unranked.

use rust_decimal::Decimal;
use std::cmp::Ordering;

/// The rank of each value, in the order given.
pub fn ranks(values: &[Option<Decimal>]) -> Vec<Option<usize>> {
    values
        .iter()
        .map(|value| {
            let v = (*value)?;
            let higher = values.iter().flatten().filter(|other| **other > v).count();
            Some(higher.saturating_add(1))
        })
        .collect()
}

/// The indices of `values` sorted by rank: highest first, ties in their original order,
/// undefined values last.
pub fn order_by_rank(values: &[Option<Decimal>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    // `Option`'s order puts `None` first, so reversing the comparison puts it last.
    sort_positions(&mut order, &|a, b| values.get(b).cmp(&values.get(a)));
    order
}

/// Sorts positions (indices into some list) by `compare`, stably: ties keep their order. Every
/// sort of rows goes through this one function, so the page carries one copy of the sort (each
/// `sort_by` with its own closure is a copy of its own: 1.6 kB of wasm before compression).
pub fn sort_positions(positions: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    positions.sort_by(|&a, &b| compare(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(x: i64) -> Option<Decimal> {
        Some(Decimal::from(x))
    }

    #[test]
    fn ties_share_a_rank_and_undefined_is_unranked() {
        let values = [v(5), None, v(9), v(5), v(1)];
        assert_eq!(
            ranks(&values),
            vec![Some(2), None, Some(1), Some(2), Some(4)]
        );
        assert_eq!(order_by_rank(&values), vec![2, 0, 3, 4, 1]);
    }

    #[test]
    fn ranking_compares_exact_values_not_rounded_ones() {
        let a = Some(Decimal::new(591749, 4));
        let b = Some(Decimal::new(591751, 4));
        assert_eq!(ranks(&[a, b]), vec![Some(2), Some(1)]);
    }
}
