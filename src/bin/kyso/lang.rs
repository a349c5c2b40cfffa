//! Output language: Vietnamese or English (`--lang vi|en`, default from `LANG`/`LC_ALL`).

/// The language of human output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Vi,
}

impl Lang {
    /// `--lang` wins; otherwise `LC_ALL`, `LC_MESSAGES`, `LANG` starting with `vi` means Vietnamese.
    pub fn resolve(flag: Option<&str>) -> Lang {
        if let Some(f) = flag {
            return if f.to_ascii_lowercase().starts_with("vi") { Lang::Vi } else { Lang::En };
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if !v.is_empty() {
                    return if v.to_ascii_lowercase().starts_with("vi") { Lang::Vi } else { Lang::En };
                }
            }
        }
        Lang::En
    }

    /// Pick the English or Vietnamese text.
    pub fn t<'a>(self, en: &'a str, vi: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Vi => vi,
        }
    }
}
