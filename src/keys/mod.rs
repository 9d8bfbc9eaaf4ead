//! Keys: how a key is named and matched (`key`), the default keymap as data
//! (`defaults.ron`, one line per binding) and the live keymap with the user's overrides
//! (`keymap`). The help overlay, footer hints, messages and `assets/config.ron` are all
//! derived from here.

mod key;
mod keymap;
mod section;

pub use key::{Key, key_label, key_name, label_keys, parse_key};
pub use keymap::{Bound, Keymap, defaults_as_config};
pub use section::Section;

#[cfg(test)]
const DEFAULTS_FOR_TEST: &str = include_str!("defaults.ron");

#[cfg(test)]
use keymap::parse_defaults;

#[cfg(test)]
mod tests;
