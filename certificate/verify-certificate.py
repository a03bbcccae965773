#!/usr/bin/env python3
"""Independent verifier of a multigebruik protection certificate (contract: docs/certificate.md).

Usage: python3 verify-certificate.py OUT   (OUT = the run folder)

Reads OUT/internal/certificate.json, the tables.json of each export it lists and OUT/export/README.txt. Prints one
`FAIL ...` line per failed check, then `VERDICT: PASSED` or `VERDICT: FAILED`. Exit 0 = passed, 1 = a check failed,
2 = a file cannot be read or parsed, or the certificate is not format multigebruik-certificate/1.
Python 3 standard library only. Checking is addition: no solver is needed and multigebruik need not be trusted.
"""
import hashlib, json, math, os, re, sys

FORMAT = "multigebruik-certificate/1"
failures = []


def fail(message):
    failures.append(message)
    print("FAIL " + message)


def stop(message):  # a file cannot be read or parsed: exit 2
    print("ERROR " + message, file=sys.stderr)
    print("VERDICT: FAILED")
    sys.exit(2)


def load(path):
    """The file's bytes and, for a .json file, its parsed content."""
    try:
        with open(path, "rb") as f:
            data = f.read()
        return data, json.loads(data.decode("utf-8")) if path.endswith(".json") else None
    except (OSError, ValueError) as e:
        stop(f"cannot read {path}: {e}")


def whole(x):  # a JSON integer >= 0: not a bool, not a float such as 3.0
    return isinstance(x, int) and not isinstance(x, bool) and x >= 0


def key_of(c):  # a cell or requirement -> (export, table, row, column)
    return (c["export"], c["table"], c["row"], c["column"])


def name(key):  # named as "table / row / column"
    return " / ".join(key[1:])


def verify(out):
    cert_bytes, cert = load(os.path.join(out, "internal", "certificate.json"))
    if not isinstance(cert, dict) or cert.get("format") != FORMAT:
        stop(f"internal/certificate.json is not format {FORMAT}")
    readme = load(os.path.join(out, "export", "README.txt"))[0].decode("utf-8", "replace")
    exports = [(e, *load(os.path.join(out, e["tables"]))) for e in cert["exports"]]  # (export, bytes, tables)
    rule, atoms, cells, reqs = cert["rule"], cert["atoms"], cert["cells"], cert["requirements"]
    threshold, zero_unsafe, safety = rule["threshold"], rule["zeroUnsafe"], rule["safetyRange"]
    unsafe = lambda v: 1 <= v < threshold or (v == 0 and zero_unsafe)
    show = lambda v: "** (suppressed)" if v is None else str(v)
    atom_id = lambda k: isinstance(k, int) and not isinstance(k, bool) and 0 <= k < len(atoms)

    # 1. Atom and witness counts are whole numbers >= 0 and every atom id exists: each is a possible population.
    for k, a in enumerate(atoms):
        if not whole(a):
            fail(f"atom {k}: count {a!r} is not a whole number >= 0")
    counts = [a if whole(a) else 0 for a in atoms]  # a bad count has failed already; 0 lets the other checks run
    keys = [key_of(c) for c in cells]
    for key, c in zip(keys, cells):
        for k in c["atoms"]:
            if not atom_id(k):
                fail(f"atoms of {name(key)}: atom id {k!r} does not exist")
        if len(set(map(repr, c["atoms"]))) != len(c["atoms"]):
            fail(f"atoms of {name(key)}: an atom is listed twice")
    members = [[k for k in c["atoms"] if atom_id(k)] for c in cells]  # each cell's atom list, computed once
    true = [sum(counts[k] for k in ids) for ids in members]  # each cell's true count
    cells_of_atom = [[] for _ in atoms]  # atom id -> the cells that count it
    for i, ids in enumerate(members):
        for k in ids:
            cells_of_atom[k].append(i)
    witnesses = []  # (requirement, key, side, {atom id: witness count})
    for r in reqs:
        for side in ("lo", "hi"):
            pairs, changed, where = (r.get("witnesses") or {}).get(side), {}, f"witness {side} of {name(key_of(r))}"
            if pairs is None:
                fail(f"{where}: no witness")
                continue
            for k, n in pairs:
                if not atom_id(k) or k in changed:
                    fail(f"{where}: atom id {k!r} does not exist or is listed twice")
                elif not whole(n):
                    fail(f"{where}: count {n!r} of atom {k} is not a whole number >= 0")
                else:
                    changed[k] = n
            witnesses.append((r, key_of(r), side, changed))

    # 2. The true counts reproduce every published value: the atoms really are the population that was published.
    for i, c in enumerate(cells):
        p = c["published"]
        if p is not None and not whole(p):
            fail(f"published value of {name(keys[i])} is {p!r}, not a whole number >= 0 or null")
        elif p is not None and true[i] != p:
            fail(f"true counts of {name(keys[i])}: sum of atoms is {true[i]}, published {p}")

    # 3. Each tables.json is the file the certificate describes (SHA-256), shows exactly the certificate's published
    #    values (a number, or "**" where the certificate has null; each cell once, both ways) and no unsafe count.
    index = {}  # key -> position in cells
    for i, key in enumerate(keys):
        if key in index:
            fail(f"certificate lists {name(key)} twice")
        index[key] = i
    shown = {}  # key -> number, or None for "**"; null cells (not applicable) are left out
    for e, data, tables in exports:
        if hashlib.sha256(data).hexdigest() != str(e["tablesSha256"]).lower():
            fail(f"tables hash: {e['tables']} is not the file the certificate describes (SHA-256 differs)")
        for tid, t in tables["tables"].items():
            for ri, row in enumerate(t["rows"]):
                for ci, col in enumerate(t["columns"]):
                    v, key = t["cells"][ri][ci], (e["id"], tid, row["key"], col["key"])
                    if v == "**" or whole(v):
                        shown[key] = None if v == "**" else v
                        if v != "**" and unsafe(v):
                            fail(f"unsafe shown value: {name(key)} shows {v} (threshold {threshold})")
                    elif v is not None:
                        fail(f"tables value of {name(key)} is {v!r}, not a whole number, '**' or null")
    for key, v in shown.items():
        if key not in index:
            fail(f"tables cell {name(key)} is not in the certificate")
        elif cells[index[key]]["published"] != v:
            p = cells[index[key]]["published"]
            fail(f"tables value of {name(key)}: shows {show(v)}, certificate has {show(p)}")
    for key in keys:
        if key not in shown:
            fail(f"certificate cell {name(key)} is not shown in the tables.json of export {key[0]!r}")

    # 4. Every suppressed cell with an unsafe true count has a requirement, and each requirement is right: its cell is
    #    suppressed, its value is the true count, a threshold one is unsafe and has the rule's bounds, a differencing
    #    one has bounds around its value. So the witnesses below are held to the intervals the rule demands.
    for r in reqs:
        key, v, (lo, hi) = key_of(r), r["value"], r["bounds"]
        where = f"requirement of {name(key)}"
        if key not in index:
            fail(f"{where}: the cell is not in the certificate")
            continue
        i = index[key]
        if cells[i]["published"] is not None:
            fail(f"{where}: the cell is shown ({cells[i]['published']}), not suppressed")
        if v != true[i]:
            fail(f"{where}: value {v}, true count {true[i]}")
        if r["reason"] == "threshold":
            p = max(1, math.ceil(v * safety - 1e-9))  # protection, as disclosure/protectionRule.ts
            if not unsafe(v):
                fail(f"{where}: reason threshold but value {v} is not unsafe")
            if [lo, hi] != [max(0, v - p), v + p]:
                fail(f"{where}: bounds [{lo}, {hi}], the rule gives [{max(0, v - p)}, {v + p}]")
        elif r["reason"] == "differencing":
            if not (lo <= v <= hi and lo < hi):
                fail(f"{where}: bounds [{lo}, {hi}] do not lie around value {v}")
            p = max(1, math.ceil(v * safety - 1e-9))  # an unsafe count keeps at least the rule's bounds
            if unsafe(v) and not (lo <= max(0, v - p) and hi >= v + p):
                fail(f"{where}: bounds [{lo}, {hi}] narrower than the rule's [{max(0, v - p)}, {v + p}]")
        else:
            fail(f"{where}: unknown reason {r['reason']!r}")
    required = {key_of(r) for r in reqs}
    for i, c in enumerate(cells):
        if c["published"] is None and unsafe(true[i]) and keys[i] not in required:
            fail(f"suppressed unsafe cell {name(keys[i])} (true count {true[i]}) has no requirement")

    # 5. Each witness is a whole-number population that reproduces every published value of the requirement's export
    #    yet puts the cell at or beyond its bound, so an attacker who sees the export cannot narrow the cell further.
    #    Only cells that count a changed atom can differ from the true counts (checked against the published values in
    #    check 2), so only those cells are checked: witness sum = true count + the changes of its atoms.
    for r, key, side, changed in witnesses:
        diff = {}  # cell position -> witness sum minus true count, for the cells that count a changed atom
        for k, n in changed.items():
            for i in cells_of_atom[k]:
                diff[i] = diff.get(i, 0) + n - counts[k]
        total = lambda i: true[i] + diff.get(i, 0)
        for i in sorted(diff):
            p = cells[i]["published"]
            if keys[i][0] == key[0] and p is not None and total(i) != p:
                fail(f"witness {side} of {name(key)}: cell {name(keys[i])} is {total(i)}, published {p}")
        if key in index:
            s, bound = total(index[key]), r["bounds"][0 if side == "lo" else 1]
            if (side == "lo" and s > bound) or (side == "hi" and s < bound):
                fail(f"witness {side} of {name(key)}: the cell is {s}, its bound {bound} is not reached")

    # 6. The certificate is the one export/README.txt states, which binds it to the published export.
    m = re.search(r"^certificate\.json SHA-256: ([0-9a-fA-F]{64})\s*$", readme, re.M)
    if not m:
        fail("certificate hash: export/README.txt has no line 'certificate.json SHA-256: <hex>'")
    elif m.group(1).lower() != hashlib.sha256(cert_bytes).hexdigest():
        fail("certificate hash: internal/certificate.json is not the file export/README.txt states (SHA-256 differs)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        stop("usage: python3 verify-certificate.py OUT")
    try:
        verify(sys.argv[1])
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as e:
        stop(f"malformed certificate or tables.json: {type(e).__name__}: {e}")
    print("VERDICT: FAILED" if failures else "VERDICT: PASSED")
    sys.exit(1 if failures else 0)
