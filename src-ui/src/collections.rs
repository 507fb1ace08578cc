//! Small collections on vectors. The UI's sets and maps are small (the
//! ticked recipients of a blast, chosen categories, a form's messages by
//! field) and every `BTreeMap`/`BTreeSet` element type costs several
//! kilobytes of wasm; these cost a few hundred bytes.

use serde::{Deserialize, Deserializer, Serialize};
use std::borrow::Borrow;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct SortedSet<T>(Vec<T>);

impl<T> Default for SortedSet<T> {
    fn default() -> Self {
        SortedSet(Vec::new())
    }
}

impl<T: Ord> SortedSet<T> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn contains(&self, x: &T) -> bool {
        self.0.binary_search(x).is_ok()
    }

    /// Adds `x`; false when it was already there.
    pub fn insert(&mut self, x: T) -> bool {
        match self.0.binary_search(&x) {
            Ok(_) => false,
            Err(i) => {
                self.0.insert(i, x);
                true
            }
        }
    }

    /// Removes `x`; false when it was not there.
    pub fn remove(&mut self, x: &T) -> bool {
        match self.0.binary_search(x) {
            Ok(i) => {
                self.0.remove(i);
                true
            }
            Err(_) => false,
        }
    }

    /// Adds `x` if absent, else removes it.
    pub fn toggle(&mut self, x: T) {
        if let Err(i) = self.0.binary_search(&x) {
            self.0.insert(i, x);
        } else {
            self.remove(&x);
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }
}

impl<T: Ord> FromIterator<T> for SortedSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(it: I) -> Self {
        let mut v: Vec<T> = it.into_iter().collect();
        v.sort_unstable();
        v.dedup();
        SortedSet(v)
    }
}

/// Read as any list: sorted and deduplicated on the way in, so a stored
/// draft written by an older build (or by hand) keeps the invariant.
impl<'de, T: Ord + Deserialize<'de>> Deserialize<'de> for SortedSet<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(d).map(|v| v.into_iter().collect())
    }
}

/// A map as a vector of pairs, in insertion order; lookups are linear,
/// which for a handful of entries is the fastest there is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VecMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for VecMap<K, V> {
    fn default() -> Self {
        VecMap(Vec::new())
    }
}

impl<K: PartialEq, V> VecMap<K, V> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn get<Q: PartialEq + ?Sized>(&self, k: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.0.iter().find(|(x, _)| x.borrow() == k).map(|(_, v)| v)
    }

    pub fn contains_key<Q: PartialEq + ?Sized>(&self, k: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.get(k).is_some()
    }

    /// Sets `k` to `v`, keeping its place when it was there.
    pub fn insert(&mut self, k: K, v: V) {
        match self.0.iter_mut().find(|(x, _)| *x == k) {
            Some(e) => e.1 = v,
            None => self.0.push((k, v)),
        }
    }

    pub fn remove<Q: PartialEq + ?Sized>(&mut self, k: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        let i = self.0.iter().position(|(x, _)| x.borrow() == k)?;
        Some(self.0.remove(i).1)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<K: PartialEq, V> FromIterator<(K, V)> for VecMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(it: I) -> Self {
        let mut m = VecMap::new();
        for (k, v) in it {
            m.insert(k, v);
        }
        m
    }
}

impl<K, V> IntoIterator for VecMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_each_element_once_in_order() {
        let mut s: SortedSet<String> = ["b", "a", "b"].iter().map(|x| x.to_string()).collect();
        assert_eq!(s.len(), 2);
        assert!(s.insert("c".into()));
        assert!(!s.insert("a".into()));
        s.toggle("a".into());
        assert!(!s.contains(&"a".into()));
        s.toggle("a".into());
        assert!(s.contains(&"a".into()));
        assert!(s.remove(&"b".into()) && !s.remove(&"b".into()));
        assert_eq!(s.iter().cloned().collect::<Vec<_>>(), ["a", "c"]);
        let back: SortedSet<String> = serde_json::from_str(r#"["z","a","z"]"#).unwrap();
        assert_eq!(serde_json::to_string(&back).unwrap(), r#"["a","z"]"#);
    }

    #[test]
    fn a_key_holds_one_value_and_keeps_its_place() {
        let mut m: VecMap<String, u8> = [("email".to_string(), 1), ("name".to_string(), 2)]
            .into_iter()
            .collect();
        m.insert("email".into(), 3);
        assert_eq!(
            (m.len(), m.get("email"), m.get("role")),
            (2, Some(&3), None)
        );
        assert_eq!(m.iter().next().map(|(k, _)| k.as_str()), Some("email"));
        assert_eq!(m.remove("email"), Some(3));
        assert!(!m.contains_key("email") && m.contains_key("name"));
    }
}
