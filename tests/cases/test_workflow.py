"""The case workflow file: the shipped one is whole, and a broken one is refused with the field."""
from __future__ import annotations

import pytest
import yaml

from netra.cases import workflow
from netra.rules.datafile import RulesFileError


def test_the_shipped_workflow_starts_new_and_never_skips_a_step():
    flow, sha = workflow.load()
    assert flow.first == "baru" and len(sha) == 64
    assert flow.transition("baru", "verifikasi").to == "terverifikasi"
    assert flow.transition("diperiksa", "putuskan").decision
    with pytest.raises(workflow.WorkflowError, match="cannot 'putuskan': allowed \\['hentikan', 'verifikasi'\\]"):
        flow.transition("baru", "putuskan")
    with pytest.raises(workflow.WorkflowError, match="allowed nothing"):
        flow.transition("ditutup", "verifikasi")
    assert flow.outcome("disiplin", "berat").measure
    with pytest.raises(workflow.WorkflowError, match="no outcome 'berat'"):
        flow.outcome("etik", "berat")


@pytest.mark.parametrize("change, message", [
    (lambda w: w["transitions"].append({"from": "baru", "to": "diarsipkan", "action": "arsipkan", "label": "x",
                                         "roles": ["case_officer"]}),
     "transitions.7: no state 'diarsipkan'"),
    (lambda w: w["transitions"].append({"from": "ditutup", "to": "baru", "action": "buka", "label": "x",
                                         "roles": ["case_officer"]}),
     "transitions.7: 'ditutup' is terminal"),
    (lambda w: w["deadlines"][0].update({"until": "selesai"}), "deadlines.0.until: no state 'selesai'"),
    (lambda w: w["deadlines"][2].update({"unit": "hours"}), "deadlines.2.unit"),
    (lambda w: w["states"][1].update({"colour": "red"}), "states.1.colour"),
    (lambda w: [t.update({"decision": False}) for t in w["transitions"]], "none records a decision"),
])
def test_a_broken_workflow_is_refused_naming_the_field(tmp_path, change, message):
    data = yaml.safe_load(workflow.path().read_text(encoding="utf-8"))
    change(data)
    broken = tmp_path / "workflow.yaml"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RulesFileError, match=message):
        workflow.load(broken)
