"""Writes the whole store in one of the export formats."""
import io

from rdflib import Dataset

from .namespaces import bind_prefixes
from .store import Store


def export(store: Store, out, fmt: str = "nquads") -> None:
    if fmt != "jsonld":
        store.dump(out, fmt)
        return
    buffer = io.BytesIO()
    store.dump(buffer, "nquads")
    dataset = bind_prefixes(Dataset())
    dataset.parse(data=buffer.getvalue().decode("utf-8"), format="nquads")
    out.write(dataset.serialize(format="json-ld", indent=1).encode("utf-8"))
