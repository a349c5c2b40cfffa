//! Output language: Vietnamese or English (`--lang vi|en`, default from `LANG`/`LC_ALL`).

/// The language of human output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Vi,
}

impl From<Lang> for kyso::diag::Lang {
    fn from(l: Lang) -> Self {
        match l {
            Lang::En => kyso::diag::Lang::En,
            Lang::Vi => kyso::diag::Lang::Vi,
        }
    }
}

impl Lang {
    /// `--lang` wins (an unknown language is a usage error); otherwise `LC_ALL`, `LC_MESSAGES`,
    /// `LANG` starting with `vi` means Vietnamese, anything else English.
    pub fn resolve(flag: Option<&str>) -> Result<Lang, String> {
        if let Some(f) = flag {
            return match kyso::diag::Lang::parse(f) {
                Some(kyso::diag::Lang::Vi) => Ok(Lang::Vi),
                Some(_) => Ok(Lang::En),
                None => Err(format!(
                    "--lang: unknown language '{f}' (accepted: {}) / ngôn ngữ không hỗ trợ",
                    kyso::diag::Lang::ACCEPTED.join(", ")
                )),
            };
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if !v.is_empty() {
                    return Ok(if v.to_ascii_lowercase().starts_with("vi") { Lang::Vi } else { Lang::En });
                }
            }
        }
        Ok(Lang::En)
    }

    /// Pick the English or Vietnamese text.
    pub fn t<'a>(self, en: &'a str, vi: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Vi => vi,
        }
    }
}
