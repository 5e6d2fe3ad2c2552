"""Runs one Python extractor over the pages bench/extraction/run.ts wrote, timing only the extraction calls.

    python_extractors.py <trafilatura|resiliparse> <pages.jsonl> <out.jsonl>

Prints the seconds spent extracting on the last line of stdout: the median of three passes, as
run.ts times Sieve, so that a burst of load on a shared machine does not decide the ratio.
"""
import json
import sys
import time


def trafilatura_extractor():
    from trafilatura import extract

    # FineWeb's use and trafilatura's own evaluation leave comments out; everything else is the default.
    return lambda html: extract(html, include_comments=False) or ""


def resiliparse_extractor():
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    return lambda html: extract_plain_text(HTMLTree.parse(html), main_content=True)


def main():
    name, pages_path, out_path = sys.argv[1:4]
    run = {"trafilatura": trafilatura_extractor, "resiliparse": resiliparse_extractor}[name]()
    with open(pages_path, encoding="utf-8") as f:
        pages = [json.loads(line) for line in f]
    passes = []
    for _ in range(3):
        outputs = []
        seconds = 0.0
        for page in pages:
            start = time.perf_counter()
            try:
                text = run(page["html"])
            except Exception:  # an extractor that fails on a page scores it as empty output
                text = ""
            seconds += time.perf_counter() - start
            outputs.append({"id": page["id"], "text": text})
        passes.append(seconds)
    with open(out_path, "w", encoding="utf-8") as f:
        for o in outputs:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print(sorted(passes)[1])


if __name__ == "__main__":
    main()
