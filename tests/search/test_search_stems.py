"""Korean stems for the search index come from a separate analyser process."""

from __future__ import annotations

from study_wiki.search import stems
from study_wiki.search.stems import kept_stems


def test_stems_drop_particles_and_split_compounds() -> None:
    texts = ["게이트를 통과한 기울기가 사라진다", "기울기소실은 LSTM의 문제다"]
    first, second = (kept_stems(tokens) for tokens in stems.tokenize(texts))
    assert {"게이트", "기울기"} <= set(first)
    assert "게이트를" not in first
    assert {"기울기", "소실", "lstm"} <= set(second)


def test_the_analyser_process_answers_in_order_and_is_reused() -> None:
    texts = [f"문장 {n}번의 역전파" for n in range(50)]
    replies = stems.tokenize(texts)
    assert [form for form, _ in replies[7] if form.isdigit()] == ["7"]
    process = stems.worker.process
    stems.tokenize(["다시 묻기"])
    assert stems.worker.process is process and process.poll() is None


def test_a_section_changed_between_saves_is_analysed_as_it_now_reads() -> None:
    """mkdocs serve keeps each section's plain text between saves, by the section."""

    class Echo:
        def stems(self, texts: list[str]) -> list[str]:
            return [" ".join(text.split()) for text in texts]

    index = {"config": {"fields": {}}, "docs": [{"title": "셀", "text": "<p>망각 게이트</p>"}]}
    stems.add_stems(index, Echo())
    assert index["docs"][0]["stems"] == "셀 망각 게이트"
    index["docs"][0]["text"] = "<p>입력 게이트 \\(x_t\\)</p>"
    stems.add_stems(index, Echo())
    assert index["docs"][0]["stems"] == "셀 입력 게이트"
