"""TEMPORARY STUB"""


def mention_tone(doc, sentence_start, sentence_end, target_start, target_end, attributions):
    return 0.0, "neutral"
