//! Heading numbers from per-level patterns: "{1}." → 1., "{1}-{2}" → 2-1, "({1:kana})" → (ア), "{3:A})" → A).
//! `{n}` is the counter of level n (1-based), optionally styled: A, a, kana, iroha, roman, circled.

const KANA: [&str; 46] = [
    "ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ", "サ", "シ", "ス", "セ", "ソ", "タ",
    "チ", "ツ", "テ", "ト", "ナ", "ニ", "ヌ", "ネ", "ノ", "ハ", "ヒ", "フ", "ヘ", "ホ", "マ", "ミ",
    "ム", "メ", "モ", "ヤ", "ユ", "ヨ", "ラ", "リ", "ル", "レ", "ロ", "ワ", "ヲ", "ン",
];
const IROHA: [&str; 47] = [
    "イ", "ロ", "ハ", "ニ", "ホ", "ヘ", "ト", "チ", "リ", "ヌ", "ル", "ヲ", "ワ", "カ", "ヨ", "タ",
    "レ", "ソ", "ツ", "ネ", "ナ", "ラ", "ム", "ウ", "ヰ", "ノ", "オ", "ク", "ヤ", "マ", "ケ", "フ",
    "コ", "エ", "テ", "ア", "サ", "キ", "ユ", "メ", "ミ", "シ", "ヱ", "ヒ", "モ", "セ", "ス",
];
const STYLES: [&str; 6] = ["A", "a", "kana", "iroha", "roman", "circled"];

fn letters(n: u32, upper: bool) -> String {
    // 1 → A … 26 → Z, 27 → AA.
    let mut n = n;
    let mut out = Vec::new();
    while n > 0 {
        let d = ((n - 1) % 26) as u8;
        out.push((if upper { b'A' } else { b'a' } + d) as char);
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

fn roman(mut n: u32) -> String {
    const T: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::new();
    for (v, r) in T {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

fn styled(n: u32, style: &str) -> String {
    match style {
        "A" => letters(n, true),
        "a" => letters(n, false),
        "kana" => KANA
            .get(n as usize - 1)
            .map(|s| s.to_string())
            .unwrap_or_else(|| n.to_string()),
        "iroha" => IROHA
            .get(n as usize - 1)
            .map(|s| s.to_string())
            .unwrap_or_else(|| n.to_string()),
        "roman" => roman(n),
        "circled" if (1..=20).contains(&n) => char::from_u32(0x2460 + n - 1)
            .map(String::from)
            .unwrap_or_default(),
        _ => n.to_string(),
    }
}

/// Checks a pattern's placeholders.
pub fn check_pattern(p: &str) -> Result<(), String> {
    let mut rest = p;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        let end = after.find('}').ok_or("a `{` without `}`")?;
        let inner = &after[..end];
        let (n, style) = inner.split_once(':').unwrap_or((inner, ""));
        let level: u32 = n
            .parse()
            .map_err(|_| format!("`{{{inner}}}`: a level number was expected"))?;
        if !(1..=6).contains(&level) {
            return Err(format!("`{{{inner}}}`: levels are 1 to 6"));
        }
        if !style.is_empty() && !STYLES.contains(&style) {
            return Err(format!(
                "`{{{inner}}}`: style `{style}` is not one of {}",
                STYLES.join(", ")
            ));
        }
        rest = &after[end + 1..];
    }
    Ok(())
}

/// The number of a heading whose counters (level 1 first) are `counters`.
pub fn format(pattern: &str, counters: &[u32]) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let Some(end) = after.find('}') else { break };
        let inner = &after[..end];
        let (n, style) = inner.split_once(':').unwrap_or((inner, ""));
        let n: usize = n.parse().unwrap_or(1);
        out.push_str(&styled(counters.get(n - 1).copied().unwrap_or(1), style));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_styles_number_as_printed() {
        assert_eq!(format("({1:kana})", &[3]), "(ウ)");
        assert_eq!(format("{2}.", &[3, 4]), "4.");
        assert_eq!(format("{3:A})", &[3, 4, 14]), "N)");
        assert_eq!(format("{1}-{2}-{3}", &[2, 1, 4]), "2-1-4");
        assert_eq!(format("{1}.{2}", &[2, 18]), "2.18");
        assert_eq!(format("{1:roman}", &[14]), "xiv");
        assert_eq!(format("{1:circled}", &[3]), "③");
        assert_eq!(format("{1:A}", &[28]), "AB");
        assert!(check_pattern("{1:kanji}").unwrap_err().contains("kanji"));
        assert!(check_pattern("{9}").is_err());
    }
}
