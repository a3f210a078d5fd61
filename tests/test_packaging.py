"""A plain wheel carries the ontology, the shapes and the data, and finds them at run time."""
import subprocess
import sys
import zipfile

import pytest

from conftest import REPO


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", str(REPO), "-w", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    wheel = next(out.glob("newskg-*.whl"))
    target = out / "site"
    zipfile.ZipFile(wheel).extractall(target)
    return target


def test_wheel_holds_ontology_shapes_registry_and_templates(unpacked_wheel):
    for relative in ("kg/_resources/ontology/newskg.ttl", "kg/_resources/shapes/newskg.shapes.ttl",
                     "kg/registry/data/countries.json", "server/templates/article.html",
                     "server/static/site.css"):
        assert (unpacked_wheel / relative).is_file(), relative


def test_installed_layout_finds_its_resources_and_validates(unpacked_wheel):
    probe = ("import kg.resources, kg.validation, rdflib;"
             "print(kg.resources.ontology_files()[0]);"
             "print(kg.validation.validate(rdflib.Graph()).conforms)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=unpacked_wheel,
                          env={"PYTHONPATH": str(unpacked_wheel), "PATH": ""})
    assert done.returncode == 0, done.stderr
    ontology, conforms = done.stdout.split()
    assert ontology.startswith(str(unpacked_wheel)) and conforms == "True"
