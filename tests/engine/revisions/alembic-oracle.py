# The differential oracle for tests/engine/revisions/differential.test.ts: answers revision-graph
# queries with the real Alembic (Debian's python3-alembic 1.8.1, run by /usr/bin/python3).
# stdin: JSON [{headers: [...], queries: [...]}]; stdout: JSON [{results: [...]} | {mapError}].
# Scripts are built as Alembic's own Script objects; the version table is a recording
# HeadMaintainer, so the plans are exactly what `flask db upgrade/downgrade/stamp` would run.
import json
import signal
import sys
import types
import warnings

from alembic import util
from alembic.runtime.migration import HeadMaintainer
from alembic.script import revision as revmod
from alembic.script.base import Script, ScriptDirectory

warnings.simplefilter("ignore")


def _timeout(*_args):
    raise TimeoutError("Alembic did not finish")


signal.signal(signal.SIGALRM, _timeout)


def make_script(h):
    m = types.ModuleType("m_" + h["revision"])
    d = h["downRevision"]
    m.down_revision = tuple(d) if isinstance(d, list) else d
    m.branch_labels = tuple(h["branchLabels"]) if h["branchLabels"] else None
    m.depends_on = tuple(h["dependsOn"]) if h["dependsOn"] else None
    m.revision = h["revision"]
    m.__doc__ = h["message"]

    def upgrade():
        pass

    def downgrade():
        pass

    m.upgrade, m.downgrade = upgrade, downgrade
    return Script(m, h["revision"], "")


class RecordingHeads(HeadMaintainer):
    def __init__(self, heads):
        self.heads = set(heads)
        self.rows = list(heads)
        self.changes = []

    def _insert_version(self, v):
        assert v not in self.heads
        self.heads.add(v)
        self.rows.append(v)
        self.changes.append({"kind": "insert", "revision": v})

    def _delete_version(self, v):
        self.heads.remove(v)
        self.rows.remove(v)
        self.changes.append({"kind": "delete", "revision": v})

    def _update_version(self, f, t):
        assert t not in self.heads
        self.heads.remove(f)
        self.heads.add(t)
        self.rows[self.rows.index(f)] = t
        self.changes.append({"kind": "update", "from": f, "to": t})


def run_steps(steps, heads):
    hm = RecordingHeads(heads)
    out = []
    for s in steps:
        hm.changes = []
        hm.update_to_step(s)
        out.append({
            "direction": "upgrade" if s.is_upgrade else "downgrade",
            "fromRevisions": list(s.from_revisions_no_deps),
            "toRevisions": list(s.to_revisions_no_deps),
            "versionChanges": hm.changes,
            "line": s.short_log if s.doc is None else str(s),
        })
    return {"steps": out, "finalHeads": hm.rows}


def answer(sd, q):
    k = q["kind"]
    heads = tuple(q.get("heads", ()))
    if k == "upgrade":
        return run_steps(sd._upgrade_revs(q["target"], heads), heads)
    if k == "downgrade":
        return run_steps(sd._downgrade_revs(q["target"], heads), heads)
    if k == "stamp":
        start = () if q.get("purge") else heads
        return run_steps(sd._stamp_revs((q["target"],), start), start)
    if k == "history":
        revs = sd.walk_revisions(base=q.get("base") or "base", head=q.get("head") or "heads")
        return {"lines": [r.cmd_format(verbose=False, include_branches=True, include_doc=True, include_parents=True) for r in revs]}
    if k == "get_revision":
        with sd._catch_revision_errors():
            r = sd.revision_map.get_revision(q["id"])
        return {"revision": None if r is None else r.revision}
    if k == "map":
        return {
            "heads": [r.cmd_format(False, include_branches=True, tree_indicators=False) for r in sd.get_revisions(sd.get_heads())],
            "log": [r.log_entry for r in sd.walk_revisions()],
        }
    if k == "current":
        return {"revisions": sorted(r.revision for r in sd.get_all_current(heads))}
    raise ValueError("unknown query kind " + k)


def run_case(case):
    try:
        scripts = [make_script(h) for h in case["headers"]]
        sd = ScriptDirectory.__new__(ScriptDirectory)
        sd.revision_map = revmod.RevisionMap(lambda: scripts)
        signal.alarm(2)
        try:
            sd.revision_map.heads
        finally:
            signal.alarm(0)
    except Exception as e:
        return {"mapError": "%s: %s" % (type(e).__name__, e)}
    results = []
    for q in case["queries"]:
        signal.alarm(2)
        try:
            r = answer(sd, q)
            r["ok"] = True
        except util.CommandError as e:
            r = {"ok": False, "error": str(e)}
        except revmod.RevisionError as e:
            r = {"ok": False, "error": str(e)}
        except Exception as e:
            # Alembic itself fails (AssertionError, KeyError): Retort may do better
            r = {"ok": False, "crash": "%s: %s" % (type(e).__name__, e)}
        finally:
            signal.alarm(0)
        results.append(r)
    return {"results": results}


json.dump([run_case(c) for c in json.load(sys.stdin)], sys.stdout)
