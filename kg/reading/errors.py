"""The one error reading raises: a file that cannot become an Article."""
from pathlib import Path


class ReadError(Exception):
    """`str()` is one line naming the file and the problem: "x.txt: file is empty"."""

    def __init__(self, path: Path | str, problem: str):
        self.path = Path(path)
        self.problem = " ".join(str(problem).split())
        super().__init__(f"{path}: {self.problem}")
