from dateline.nlp import language


def test_split_long_concatenates_back_and_cuts_at_breaks():
    text = ("A sentence about a market. " * 40 + "\n\n") * 30
    pieces = language.split_long(text, limit=2000)
    assert "".join(pieces) == text
    assert all(len(p) <= 2000 for p in pieces)
    assert all(p.endswith(("\n", " ")) for p in pieces[:-1])


def test_long_document_is_parsed_in_pieces_over_the_same_text(nlp, monkeypatch):
    monkeypatch.setattr(language, "CHUNK_CHARS", 500)
    text = "Police arrested two men in Kano on Monday. " * 40
    (doc,) = language.parse(nlp, [text])
    assert doc.text == text
    assert len(list(doc.sents)) >= 40


def test_a_long_document_is_parsed_one_piece_at_a_time_and_keeps_no_tensor(nlp, monkeypatch):
    # the parser's memory grows with the text of a batch, and a Doc's tensor keeps its batch's alive
    monkeypatch.setattr(language, "CHUNK_CHARS", 500)
    in_flight = []
    pipe = nlp.pipe

    def watched(texts, batch_size):
        in_flight.append(batch_size)
        return pipe(texts, batch_size=batch_size)

    monkeypatch.setattr(nlp, "pipe", watched)
    short, long = "Police arrested two men in Kano.", "Troops shelled a village near Gao on Monday. " * 40
    docs = list(language.parse(nlp, [short, long]))
    assert in_flight[-1] == 1
    assert [d.text for d in docs] == [short, long]
    assert all(d.tensor.size == 0 for d in docs)


def test_blank_line_ends_a_sentence(nlp):
    doc = nlp("Gunmen storm a bank in Gao\n\nBy Awa Traore, May 2, 2021\n\nGAO, May 2 - Gunmen stormed a bank.")
    assert [s.text.strip() for s in doc.sents][:2] == ["Gunmen storm a bank in Gao", "By Awa Traore, May 2, 2021"]


def test_full_stop_glued_to_a_lower_case_word_ends_a_sentence_over_the_same_text(nlp):
    text = "the mob burnt two shops on monday evening.the police said the area was calm. see example.com"
    doc = nlp(text)
    assert doc.text == text
    assert [s.text for s in doc.sents][:2] == ["the mob burnt two shops on monday evening.",
                                              "the police said the area was calm."]
    assert "example.com" in [t.text for t in doc]


def test_an_archive_head_is_a_sentence_of_its_own_over_the_same_text(nlp):
    text = "This story is from June 4, 2003 surat: two men were held by the police on tuesday."
    doc = nlp(text)
    assert doc.text == text
    assert [s.text for s in doc.sents] == ["This story is from June 4, 2003",
                                           "surat: two men were held by the police on tuesday."]
