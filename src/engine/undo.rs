//! Undo and redo over whole snapshots (not to be confused with a plan's `history` of closed
//! months, SPEC §8). Consecutive edits that share a key (the keystrokes of one
//! cell) make a single undo step.

/// What an edit was, for coalescing: edits with the same key in a row are one undo step.
pub type EditKey = String;

#[derive(Clone, Debug)]
pub struct UndoStack<T> {
    undo: Vec<T>,
    redo: Vec<T>,
    last_key: Option<EditKey>,
    limit: usize,
}

impl<T> UndoStack<T> {
    /// Keeps at most `limit` undo steps.
    pub fn new(limit: usize) -> UndoStack<T> {
        UndoStack {
            undo: Vec::new(),
            redo: Vec::new(),
            last_key: None,
            limit,
        }
    }

    /// Records that `before` is about to be changed by an edit with `key`. Returns whether a new
    /// undo step was made (false when it continues the previous edit).
    pub fn record(&mut self, before: T, key: Option<EditKey>) -> bool {
        self.redo.clear();
        if key.is_some() && key == self.last_key {
            return false;
        }
        self.last_key = key;
        self.undo.push(before);
        if self.undo.len() > self.limit {
            self.undo.remove(0);
        }
        true
    }

    /// Ends the current coalesced edit, so that the next edit with the same key is a new step.
    pub fn seal(&mut self) {
        self.last_key = None;
    }

    /// Gives back the state before the last step, keeping `current` for redo; `None` when
    /// there is nothing to undo (and `current` is dropped: the caller still has it).
    pub fn undo(&mut self, current: T) -> Option<T> {
        self.last_key = None;
        let previous = self.undo.pop()?;
        self.redo.push(current);
        Some(previous)
    }

    /// Gives back the state the last undo left, keeping `current` for undo.
    pub fn redo(&mut self, current: T) -> Option<T> {
        self.last_key = None;
        let next = self.redo.pop()?;
        self.undo.push(current);
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.last_key = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_and_redo_walk_the_snapshots() {
        let mut h = UndoStack::new(10);
        let mut state = 0;
        for next in 1..=3 {
            h.record(state, None);
            state = next;
        }
        state = h.undo(state).unwrap();
        assert_eq!(state, 2);
        state = h.undo(state).unwrap();
        assert_eq!(state, 1);
        state = h.redo(state).unwrap();
        assert_eq!(state, 2);
        // A new edit drops what could have been redone.
        h.record(state, None);
        state = 9;
        assert!(!h.can_redo());
        assert_eq!(h.redo(state), None);
        assert_eq!(h.undo(state), Some(2));
    }

    #[test]
    fn keystrokes_of_one_cell_are_one_step() {
        let mut h = UndoStack::new(10);
        assert!(h.record("", Some("cell-a".into())));
        assert!(!h.record("1", Some("cell-a".into())));
        assert!(!h.record("12", Some("cell-a".into())));
        assert!(h.record("123", Some("cell-b".into())));
        assert_eq!(h.undo("1234"), Some("123"));
        assert_eq!(h.undo("123"), Some(""));
        h.seal();
        assert!(h.record("", Some("cell-a".into())));
        h.seal();
        assert!(h.record("x", Some("cell-a".into())));
    }

    #[test]
    fn the_oldest_steps_fall_off_past_the_limit() {
        let mut h = UndoStack::new(2);
        h.record(1, None);
        h.record(2, None);
        h.record(3, None);
        assert_eq!(h.undo(4), Some(3));
        assert_eq!(h.undo(3), Some(2));
        assert_eq!(h.undo(2), None);
    }
}
