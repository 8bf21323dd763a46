#!/usr/bin/env python3
"""Writes one libFuzzer dictionary per fuzz target beside this script.

classify.dict: characters that folding expands, drops or treats as separators,
sentence punctuation, and every phrase of lexicons/laws-en.toml (rerun after
editing the lexicon). jsonl.dict: the same, plus JSON Lines fields and syntax.
lexicon.dict: the keys, sections and values of the lexicon format and a few
edge values. manifest.dict: the manifest columns, the two files the target
writes, and CSV syntax.
"""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))

UNICODE = [
    ('soft hyphen', '\u00ad'), ('zero width space', '\u200b'), ('BOM', '\ufeff'),
    ('paragraph separator', '\u2029'), ('line separator', '\u2028'), ('no-break space', '\u00a0'),
    ('em space', '\u2003'), ('em dash', '\u2014'), ('hyphen', '\u2010'), ('minus', '\u2212'),
    ('ligature fi', '\ufb01'), ('capital I dot', '\u0130'), ('sharp s', '\u00df'),
    ('two dot leader', '\u2025'), ('ellipsis', '\u2026'), ('one dot leader', '\u2024'),
    ('digit one full stop', '\u2488'), ('square am', '\u33c2'), ('diaeresis (folds to space)', '\u00a8'),
    ('double exclamation', '\u203c'), ('combining acute', '\u0301'), ('left single quote', '\u2018'),
    ('right single quote', '\u2019'), ('left double quote', '\u201c'), ('right double quote', '\u201d'),
    ('guillemet left', '\u00ab'), ('guillemet right', '\u00bb'), ('arabic ligature with spaces', '\ufdfa'),
    ('roman twelve', '\u216b'), ('vulgar half', '\u00bd'), ('fullwidth full stop', '\uff0e'),
    ('fullwidth A', '\uff21'), ('titlecase dz', '\u01c5'), ('kelvin', '\u212a'), ('angstrom', '\u212b'),
    ('greek final sigma', '\u03c2'), ('capital sigma', '\u03a3'), ('turkish dotless i', '\u0131'),
    ('parenthesized one', '\u2474'), ('superscript paren', '\u207e'), ('prime', '\u2032'),
    ('acute accent', '\u00b4'), ('fullwidth hyphen', '\uff0d'), ('word joiner', '\u2060'),
    ('zwj', '\u200d'), ('hangul syllable', '\uac00'), ('combining enclosing circle', '\u20dd'),
    ('ideographic full stop', '\u3002'), ('emoji', '\U0001f916'),
]
ASCII = ['. ', '.\n', '\n\n', '  ', ' - ', '-', '? ', '! ', '."', '.) ', 'e.g. ', 'U.N. ', 'No. ',
         '\r\n', '\t', ';', ':', 'LAWS', 'AWS', 'LAWs', 'AWs', 'CCW', 'We ', 'we ', 'The ']
KEYS = ['[lexicon]', '[[question]]', '[topic]', '[[modifier]]', '[[cues]]', 'name = ', 'language = ',
        'description = ', 'version = ', 'id = ', 'labels = ', 'default = ', 'hedged = ', 'negated = ',
        'min_score = ', 'min_margin = ', 'hedged_weight = ', 'dominant = ', 'terms = ',
        'case_sensitive = ', 'exclude = ', 'window = ', 'document_min = ', 'document_density = ',
        'kind = ', 'scope = ', 'factor = ', 'phrases = ', 'question = ', 'label = ', 'weight = ',
        '"negation"', '"pseudo"', '"terminator"', '"hedge"', '"attribution"', '"booster"', '"before"',
        '"after"', '"both"', '"none"', 'true', 'false', 'nan', 'inf', '-inf', '1e308', '-1', '0',
        '9223372036854775807', '18446744073709551615', '"""', "'''", '= {', '}', '[', ']', ',', '"*"',
        '"a*b"', '" "', '"\\n"', '"\\u00ad"', '\n', '#', '"x"']
MANIFEST = ['id', 'file', 'actor', 'actor_name', 'actor_kind', 'members', 'language',
            'original_language', 'date', 'forum', 'source', 'a.txt', 'b.txt', 'missing.txt', '../',
            'corpus', ',', '"', '""', '\r\n', '\n', ';', ' ', 'AAA;BBB', 'en', '2026-01-01', '\ufeff']
JSONL = ['{"id":', '"text":', '"members":', '["AAA","BBB"]', '"language":"en"', '"actor":', '"date":',
         '"forum":', '"source":', '"original_language":', '"actor_kind":"state"', '"actor_name":', '}',
         '{', '[', ']', '":"', '","', '\\u00e9', '\\ud83e\\udd16', '\\n', '\\"', 'null', 'true', '1e400',
         '-0', '12345678901234567890']


def esc(s):
    out = []
    for b in s.encode('utf-8'):
        c = chr(b)
        out.append(c if 0x20 <= b < 0x7f and c not in '"\\' else '\\x%02x' % b)
    return '"' + ''.join(out) + '"'


def main():
    lexicon = os.path.join(HERE, '..', '..', 'lexicons', 'laws-en.toml')
    src = open(lexicon, encoding='utf-8').read()
    phrases = sorted(set(re.findall(r'"([^"\\\n]{1,50})"', src)))
    for target, extra in [('classify', []), ('jsonl', JSONL)]:
        with open(os.path.join(HERE, target + '.dict'), 'w') as f:
            f.write('# libFuzzer dictionary for the %s target (written by make_dicts.py).\n' % target)
            for k in extra:
                f.write(esc(k) + '\n')
            for name, s in UNICODE:
                f.write('# %s\n%s\n' % (name, esc(s)))
            for s in ASCII:
                f.write(esc(s) + '\n')
            for p in phrases:
                f.write(esc(p.replace('*', '')) + '\n')
    for target, words in [('lexicon', KEYS), ('manifest', MANIFEST)]:
        with open(os.path.join(HERE, target + '.dict'), 'w') as f:
            f.write('# libFuzzer dictionary for the %s target (written by make_dicts.py).\n' % target)
            for k in words:
                f.write(esc(k) + '\n')


if __name__ == '__main__':
    main()
