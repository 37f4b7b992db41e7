//! Line breaking for Japanese and Latin text: break between CJK characters, keep Latin words and numbers together (UAX #14 via `unicode-linebreak`), and enforce kinsoku (禁則処理) on top.

/// Characters that must not begin a line (行頭禁則): closing brackets and punctuation, the long-vowel mark, the middle dot, small kana.
pub const NO_LINE_START: &str = "、。，．,.)）]］｝〕〉》」』】〙〗!！?？:：;；ー－・‥…ヽヾゝゞ々〻ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ%％";

/// Characters that must not end a line (行末禁則): opening brackets.
pub const NO_LINE_END: &str = "(（[［｛〔〈《「『【〘〖";

fn no_start(c: char) -> bool {
    NO_LINE_START.contains(c)
}

fn no_end(c: char) -> bool {
    NO_LINE_END.contains(c)
}

/// Splits `text` into lines no wider than `max_width` as measured by `width`. Explicit newlines are kept.
/// A single character wider than the line still gets a line of its own; nothing is ever dropped.
pub fn wrap(text: &str, max_width: f32, width: &dyn Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let paragraph = paragraph.trim_end_matches('\r');
        if paragraph.trim().is_empty() {
            lines.push(String::new());
            continue;
        }
        wrap_paragraph(paragraph, max_width, width, &mut lines);
    }
    lines
}

/// Like [`wrap`], for short phrases such as names and titles: lines break only at spaces, and the words are filled
/// from the end, so the last words stay together — 「代表取締役 田中 一郎」 in a narrow box gives 「代表取締役」「田中 一郎」,
/// never 「代表取締役 田中」「一郎」 — and 「鈴木花子」 stays whole, never 「鈴木花」「子」. A word wider than the line on its
/// own is broken as [`wrap`] would.
pub fn wrap_words(text: &str, max_width: f32, width: &dyn Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let words: Vec<&str> = paragraph.split_whitespace().collect();
        if words.is_empty() {
            lines.push(String::new());
            continue;
        }
        // Lines from the last word backwards: each takes as many trailing words as fit.
        let mut reversed: Vec<Vec<String>> = Vec::new();
        let mut end = words.len();
        while end > 0 {
            let mut start = end - 1;
            while start > 0 && width(&words[start - 1..end].join(" ")) <= max_width {
                start -= 1;
            }
            let line = words[start..end].join(" ");
            if width(&line) <= max_width {
                reversed.push(vec![line]);
            } else {
                // One word wider than the line: broken by character, as any text is.
                let mut parts = Vec::new();
                wrap_paragraph(&line, max_width, width, &mut parts);
                reversed.push(parts);
            }
            end = start;
        }
        lines.extend(reversed.into_iter().rev().flatten());
    }
    lines
}

/// The pieces between allowed break positions, merged where kinsoku forbids the break.
fn segments(paragraph: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut start = 0;
    let mut seg_start = 0;
    for (pos, _) in unicode_linebreak::linebreaks(paragraph) {
        if pos == 0 || pos == start {
            continue;
        }
        let next_first = paragraph[pos..].chars().next();
        let this_last = paragraph[start..pos].trim_end().chars().last();
        start = pos;
        let forbidden = next_first.is_some_and(no_start) || this_last.is_some_and(no_end);
        if forbidden && pos < paragraph.len() {
            continue;
        }
        out.push(&paragraph[seg_start..pos]);
        seg_start = pos;
    }
    if seg_start < paragraph.len() {
        out.push(&paragraph[seg_start..]);
    }
    out
}

fn wrap_paragraph(
    paragraph: &str,
    max_width: f32,
    width: &dyn Fn(&str) -> f32,
    lines: &mut Vec<String>,
) {
    let mut line = String::new();
    // Width of `line` without its trailing spaces, and of the trailing spaces themselves: widths add up, so each
    // piece is measured once (no re-measuring the whole line for every candidate).
    let mut line_w = 0.0f32;
    let mut trailing_w = 0.0f32;
    for seg in segments(paragraph) {
        let trimmed = seg.trim_end();
        let seg_w = width(trimmed);
        let seg_trailing_w = width(&seg[trimmed.len()..]);
        if line_w + trailing_w + seg_w <= max_width || line.trim().is_empty() && seg_w <= max_width
        {
            if line.trim().is_empty() {
                line.clear();
                line_w = 0.0;
                trailing_w = 0.0;
            }
            line.push_str(seg);
            line_w += trailing_w + seg_w;
            trailing_w = seg_trailing_w;
            continue;
        }
        if !line.trim().is_empty() {
            lines.push(line.trim_end().to_owned());
        }
        line = String::new();
        line_w = 0.0;
        if seg_w <= max_width {
            line.push_str(seg);
            line_w = seg_w;
            trailing_w = seg_trailing_w;
            continue;
        }
        // A piece longer than a line (a long URL, a run of digits, a kinsoku chain): break by character,
        // still never starting a line with a no-start character.
        for c in seg.chars() {
            let mut buf = [0u8; 4];
            let c_w = width(c.encode_utf8(&mut buf));
            if line_w + c_w <= max_width || line.is_empty() || no_start(c) {
                line.push(c);
                line_w += c_w;
            } else {
                // Move a trailing no-end character down with the new character.
                let mut carried = String::new();
                if let Some(last) = line.chars().last().filter(|l| no_end(*l)) {
                    if line.chars().count() > 1 {
                        line.pop();
                        carried.push(last);
                    }
                }
                lines.push(line.trim_end().to_owned());
                line_w = width(&carried);
                line = carried;
                line.push(c);
                line_w += c_w;
            }
        }
        line_w = width(line.trim_end());
        trailing_w = width(&line[line.trim_end().len()..]);
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character one unit wide, so tests can reason in characters.
    fn cells(s: &str) -> f32 {
        s.chars().count() as f32
    }

    fn check_kinsoku(lines: &[String]) {
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                if let Some(first) = l.chars().next() {
                    assert!(!no_start(first), "line {i} starts with {first}: {lines:?}");
                }
            }
            if i + 1 < lines.len() {
                if let Some(last) = l.chars().last() {
                    assert!(!no_end(last), "line {i} ends with {last}: {lines:?}");
                }
            }
        }
    }

    #[test]
    fn names_break_between_words_only() {
        // The name stays together: not 「代表取締役 田中」「一郎」, though that would fill the first line of 8.
        assert_eq!(
            wrap_words("代表取締役 田中 一郎", 8.0, &cells),
            ["代表取締役", "田中 一郎"]
        );
        assert_eq!(
            wrap_words("代表取締役 田中 一郎", 11.0, &cells),
            ["代表取締役 田中 一郎"]
        );
        assert_eq!(wrap_words("鈴木花子", 6.0, &cells), ["鈴木花子"]);
        assert_eq!(wrap("鈴木花子", 3.0, &cells).concat(), "鈴木花子");
        // A word wider than the line is still broken, never dropped.
        let long = wrap_words("情報セキュリティ委員会委員長", 5.0, &cells);
        assert_eq!(long.concat(), "情報セキュリティ委員会委員長");
        assert!(long.iter().all(|l| cells(l) <= 5.0), "{long:?}");
        assert_eq!(
            wrap_words("\n鈴木 花子\n", 10.0, &cells),
            ["", "鈴木 花子", ""]
        );
    }

    #[test]
    fn cjk_breaks_between_any_two_characters() {
        let lines = wrap("情報セキュリティ方針を定める", 5.0, &cells);
        assert_eq!(lines.concat(), "情報セキュリティ方針を定める");
        assert!(lines.iter().all(|l| cells(l) <= 5.0), "{lines:?}");
        check_kinsoku(&lines);
    }

    #[test]
    fn no_line_starts_with_closing_punctuation_or_small_kana() {
        // Width 4 would put 。 / 、 / ー / ッ / ょ at line starts without kinsoku.
        for text in [
            "規程を定める。次に運用する。",
            "方針、規程、手順、記録。",
            "サーバーのログをチェックする",
            "チェック、ロック、ショック",
            "しょうちょうきょうりょく",
            "（仮称）「情報」『資産』【重要】を扱う！本当？",
            "アクセス・コントロール・ポリシー",
        ] {
            for w in 2..8 {
                let lines = wrap(text, w as f32, &cells);
                assert_eq!(lines.concat(), text, "width {w}: nothing lost");
                check_kinsoku(&lines);
            }
        }
    }

    #[test]
    fn latin_words_and_numbers_stay_together() {
        let text = "ISO/IEC 27001:2022 附属書A の管理策 5.23 を適用する Microsoft Azure";
        let lines = wrap(text, 12.0, &cells);
        let joined = lines.join("|");
        for word in ["27001:2022", "Microsoft", "Azure", "5.23"] {
            assert!(
                lines.iter().any(|l| l.contains(word)),
                "{word} split: {joined}"
            );
        }
        check_kinsoku(&lines);
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken_not_lost() {
        let url = "https://example.com/very/long/path/to/a/document/that/does/not/fit";
        let lines = wrap(url, 10.0, &cells);
        assert_eq!(lines.concat(), url);
        assert!(lines.iter().all(|l| cells(l) <= 10.0));
    }

    #[test]
    fn newlines_are_kept_and_blank_lines_preserved() {
        let lines = wrap("一行目\n\n三行目", 20.0, &cells);
        assert_eq!(lines, ["一行目", "", "三行目"]);
    }

    #[test]
    fn mixed_text_never_exceeds_the_width_unless_one_character_does() {
        let text = "クラウドサービス（Microsoft Azure）上のデータは、契約終了後90日以内に削除し、削除証明書を発行する。";
        for w in 3..30 {
            let lines = wrap(text, w as f32, &cells);
            assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
            check_kinsoku(&lines);
            // Kinsoku may hang one punctuation mark past the edge (ぶら下がり), never more.
            assert!(
                lines.iter().all(|l| cells(l) <= w as f32 + 1.0),
                "{w}: {lines:?}"
            );
        }
    }
}
