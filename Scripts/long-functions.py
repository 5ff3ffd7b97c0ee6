#!/usr/bin/env python3
"""Lists Swift functions longer than a limit (default 80 lines): python3 Scripts/long-functions.py [LIMIT]."""
import re, sys, pathlib
limit = int(sys.argv[1]) if len(sys.argv) > 1 else 80
decl = re.compile(r'^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|fileprivate|internal|static|mutating|override|final|nonisolated|@inlinable|@usableFromInline)\s+)*(?:func\s+\S+|init[?!]?\s*[(<]|(?:var|subscript)\s[^=]*\{\s*$)')
out = []
for path in sorted(pathlib.Path('Sources').rglob('*.swift')):
    if path.name.endswith('.generated.swift'): continue
    lines = path.read_text().split('\n')
    i = 0
    while i < len(lines):
        if decl.match(lines[i]):
            depth, started, j = 0, False, i
            while j < len(lines):
                code = re.sub(r'"(?:[^"\\]|\\.)*"', '""', lines[j].split('//')[0])
                depth += code.count('{') - code.count('}')
                if '{' in code: started = True
                if started and depth <= 0: break
                j += 1
            n = j - i + 1
            if started and n > limit: out.append((n, f'{path}:{i+1}', lines[i].strip()[:80]))
            i += 1
        else:
            i += 1
for n, where, text in sorted(out, reverse=True): print(f'{n:4d} {where} {text}')
