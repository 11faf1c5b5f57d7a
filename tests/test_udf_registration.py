"""What Excel will register: the spec applied with xlwings' real Windows decorators.

On Linux ``xlwings.func/arg/ret`` add nothing, so the module is also built here with
``xlwings.udfs.xlfunc/xlarg/xlret`` (importable with stand-ins for pywin32) and
``generate_vba_wrapper`` writes the VBA that "Import Functions" would inject.
"""

import inspect
import io
import sys
import types

import pytest
import sbt_xl_udfs
from sbt_xl_udfs import functions
from sbt_xl_udfs.spec import FORMULAS, MAX_HELP, RANGE, decorate


@pytest.fixture(scope="module")
def xlwings_udfs():
    stubs = {name: types.ModuleType(name)
             for name in ("pythoncom", "pywintypes", "win32com", "win32com.client")}
    stubs["pythoncom"].CoInitialize = lambda: None
    stubs["pywintypes"].com_error = type("com_error", (Exception,), {})
    stubs["win32com.client"].Dispatch = lambda *a, **k: None
    stubs["win32com"].client = stubs["win32com.client"]
    saved = {name: sys.modules.get(name) for name in stubs}
    sys.modules.update(stubs)
    sys.modules.pop("xlwings.udfs", None)
    import xlwings.udfs as udfs

    yield udfs
    sys.modules.pop("xlwings.udfs", None)
    for name, module in saved.items():
        if module is None:
            sys.modules.pop(name, None)
        else:
            sys.modules[name] = module


def _registered(xlwings_udfs, lang="en"):
    module = types.ModuleType("sbt_xl_udfs")
    for f in FORMULAS:
        setattr(module, f.name, decorate(getattr(functions, f.name), f, xlwings_udfs.xlfunc,
                                         xlwings_udfs.xlarg, xlwings_udfs.xlret, lang))
    return module


class _Book:
    Name = "sbt_xl.xlam"


def test_spec_matches_the_python_signatures():
    for f in FORMULAS:
        params = inspect.signature(getattr(functions, f.name)).parameters
        assert [a.name for a in f.args] == list(params), f.name
        for a in f.args:
            has_default = params[a.name].default is not inspect.Parameter.empty
            assert a.optional == has_default, (f.name, a.name)
        assert f.name.isupper() and f.name.startswith("SBT_")


def test_module_exports_every_formula():
    assert sorted(sbt_xl_udfs.__all__) == sorted(f.name for f in FORMULAS)
    for f in FORMULAS:
        assert callable(getattr(sbt_xl_udfs, f.name))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_help_fits_excel_and_every_argument_reads_errors(xlwings_udfs, lang):
    module = _registered(xlwings_udfs, lang)
    for f in FORMULAS:
        meta = getattr(module, f.name).__xlfunc__
        assert meta["category"] == "SBT"
        assert meta["ret"]["doc"] == f.help(lang) and 0 < len(meta["ret"]["doc"]) <= MAX_HELP
        assert [a["name"] for a in meta["args"]] == [a.name for a in f.args]
        for spec_arg, arg in zip(f.args, meta["args"]):
            assert 0 < len(arg["doc"]) <= MAX_HELP
            assert arg["doc"] == {"en": spec_arg.help_en, "ja": spec_arg.help_ja}[lang]
            assert arg["options"]["err_to_str"] is True  # else #N/A arrives as None
            assert ("optional" in arg) == spec_arg.optional


def test_vba_wrapper_declares_each_formula(xlwings_udfs):
    buf = io.StringIO()
    xlwings_udfs.generate_vba_wrapper("sbt_xl_udfs", _registered(xlwings_udfs), buf, _Book())
    vba = buf.getvalue()
    assert ("Function SBT_PATHWAY(base_emissions, base_year, target_year, "
            "Optional ambition, Optional at_year, Optional as_of)") in vba
    assert ("Function SBT_SDA_INTENSITY(sector, base_year, base_intensity, base_activity, "
            "target_year, target_activity, Optional scenario)") in vba
    assert "Function SBT_SCOPE3_SHARE(scope1, scope2, scope3)" in vba
    assert "Function SBT_SCOPE3_REQUIRED(scope1, scope2, scope3, Optional criteria)" in vba
    assert "Function SBT_ANNUAL_RATE(base_year, target_year, reduction)" in vba
    assert ("Function SBT_AMBITION(base_year, target_year, reduction, Optional recent_year, "
            "Optional recent_reduction, Optional as_of)") in vba
    assert ("Function SBT_MIN_REDUCTION(base_year, target_year, scope1, scope2, scope3, "
            "Optional ambition, Optional recent_year, Optional net_zero_year, "
            "Optional as_of)") in vba
    assert vba.count("End Function") == len(FORMULAS)
    # An add-in calls with ActiveWorkbook, and every call goes to our module.
    assert ('XLPy.CallUDF("sbt_xl_udfs", "SBT_PATHWAY", Array(base_emissions, base_year, '
            "target_year, ambition, at_year, as_of), ActiveWorkbook, Application.Caller)") in vba


def test_registered_copies_still_compute(xlwings_udfs):
    module = _registered(xlwings_udfs)
    assert module.SBT_ANNUAL_RATE(2020.0, 2030.0, 0.42) == pytest.approx(0.042)


def test_every_argument_keeps_two_dimensions():
    """A column and a row must stay apart for broadcasting: every argument is ndim=2."""
    assert all(a.options == RANGE and RANGE["ndim"] == 2 for f in FORMULAS for a in f.args)


def test_functions_skip_the_wizard_and_are_not_volatile(xlwings_udfs):
    module = _registered(xlwings_udfs)
    for f in FORMULAS:
        meta = getattr(module, f.name).__xlfunc__
        assert meta["call_in_wizard"] is False and meta["volatile"] is False, f.name
    buf = io.StringIO()
    xlwings_udfs.generate_vba_wrapper("sbt_xl_udfs", module, buf, _Book())
    vba = buf.getvalue()
    wizard = 'If (Not Application.CommandBars("Standard").Controls(1).Enabled) Then Exit Function'
    assert vba.count(wizard) == len(FORMULAS) and "Application.Volatile" not in vba
