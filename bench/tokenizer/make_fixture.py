"""Makes test/fixtures/tokenize/tiktoken.json.gz: Python tiktoken's ids for the adversarial strings
(in full) and for the sample corpus docs (the first DOC_CHARS characters of each; ids as a count
and a sha256, which keeps the fixture small).

    bench/.venv-tokenizer/bin/python bench/tokenizer/make_fixture.py <docs.json> <out.json.gz> [doc chars]

A doc chars of 0 keeps whole docs: point the test at that file with TIKTOKEN_FIXTURE=<out.json.gz>
to check the full corpus (too large to commit).
"""
import gzip
import hashlib
import json
import sys

from openai_encodings import encoding

NAMES = ["gpt2", "cl100k_base", "o200k_base"]
DOC_CHARS = 1500

ADVERSARIAL = [
    "",
    " ",
    " " * 300,
    "a" + " " * 1000 + "b",
    "trailing spaces   ",
    "trailing newline then spaces\n   ",
    "\n\n\n  \n  x",
    "\r\n\r\n\t\t text\t \r",
    "no\u00a0break\u00a0\u00a0spaces \u3000ideographic",
    "next line\u0085and bom\ufeffhere",
    "1234567890" * 40,
    "3.14159 -2,718 1e-9 0x1F 1_000_000",
    "\u0661\u0662\u0663\u0664\u0665 \u00b2\u00b3 \u216b roman",
    "😀👍🏽👨‍👩‍👧‍👦🇫🇷🇩🇪 " * 5,
    "Hello 世界 مرحبا Привет नमस्ते こんにちは 안녕하세요 שלום ελληνικά",
    "naïve café, e\u0301 combining, ﬁ ligature, ẞ ß",
    "I'm you're he'll they've it's IT'S We'RE 'ſ it'ſ don't'll ''s '",
    "中文没有空格所以整句话都是一个长长的预分词片段" * 20,
    "a" * 3000,
    "def f(x):\n    return x ** 2  # square\n\n\tif x:\n\t\tpass\n",
    "https://example.com/path?q=1&r=%20#frag user@example.org",
    "\x00\x01\x1f control \x7f",
    "lone \ud800 high, lone \udc00 low, \ud83d at end \ud83d",
    "\udfff\ud800",
    "mixed😀\ud83dtail",
    "<|endoftext|> inside text <|fim_prefix|>",
    "!!!???...,,,;;; ---___*** /// \\\\\\",
    "ÀÉÎÕÜ àéîõü ÅåÆæØø ĀāĒēĪī Ǆǅǆ ǲ",
    "CamelCaseWordsAndACRONYMSInOne HTTPServer XMLHttpRequest",
    "tabs\tand\vvertical\ffeeds",
    "   leading spaces",
    "line1\nline2\r\nline3\rline4",
    "ﾊﾝｶｸ ｶﾀｶﾅ and ＦＵＬＬＷＩＤＴＨ１２３",
    "ๆ ภาษาไทย ไม่มีช่องว่าง",
]

WITH_SPECIALS = [
    "before<|endoftext|>after",
    "<|endoftext|><|endoftext|>",
    "text   <|endoftext|>   more",
    "<|endofprompt|> and <|fim_middle|>",
]


def digest(ids: list[int]) -> str:
    return hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()


def main() -> None:
    docs_path, out = sys.argv[1:3]
    doc_chars = int(sys.argv[3]) if len(sys.argv) > 3 else DOC_CHARS
    docs = json.load(open(docs_path))
    # The cut texts themselves go into the fixture, so the JS side encodes exactly these strings.
    texts = [{"id": doc["id"], "text": doc["text"][:doc_chars] if doc_chars else doc["text"]} for doc in docs]
    fixture = {"doc_chars": doc_chars, "adversarial": ADVERSARIAL, "with_specials": WITH_SPECIALS, "docs": texts, "encodings": {}}
    for name in NAMES:
        enc = encoding(name)
        fixture["encodings"][name] = {
            "adversarial": [enc.encode_ordinary(s) for s in ADVERSARIAL],
            "with_specials": [enc.encode(s, allowed_special="all") for s in WITH_SPECIALS],
            "docs": [{"tokens": len(ids), "sha256": digest(ids)} for ids in (enc.encode_ordinary(d["text"]) for d in texts)],
        }
    with gzip.open(out, "wt") as f:
        json.dump(fixture, f)


if __name__ == "__main__":
    main()
