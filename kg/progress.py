"""A progress bar for ingestion on a terminal; plain result lines everywhere else."""
from tqdm import tqdm


class Progress:
    def __init__(self, total: int, enabled: bool):
        self.bar = tqdm(total=total, unit="article", dynamic_ncols=True) if enabled and total > 1 else None

    def show(self, outcome, print_line) -> None:
        if self.bar is None:
            print_line(outcome)
            return
        with self.bar.external_write_mode():
            print_line(outcome)
        self.bar.update(1)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()
