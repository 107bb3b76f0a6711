"""Engines: where the map over batches runs (this process, a local process pool, or Dask), and
the map itself, with a bounded number of batches in flight."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from itertools import islice
from typing import Any, Protocol

from ..model import Document, KgError
from .worker import Batch, Extractor, extract_batch

BATCH_DOCS = 8  # documents per task: small, so a slow article does not hold the others back
IN_FLIGHT = 2  # batches per job submitted ahead of the one being loaded
SMALL_BUILD = 8  # fewer changed documents are extracted in this process (no pool to start)


class TaskResult(Protocol):
    def result(self) -> Batch: ...


Submit = Callable[[list[Document]], TaskResult]


def batches(docs: Iterable[Document], size: int | None = None) -> Iterator[list[Document]]:
    """Consecutive groups of `size` documents (BATCH_DOCS by default), read lazily."""
    size = size or BATCH_DOCS
    it = iter(docs)
    while part := list(islice(it, size)):
        yield part


def default_jobs() -> int:
    """One process per core."""
    return os.cpu_count() or 1


def _done(batch: Batch) -> Future[Batch]:
    future: Future[Batch] = Future()
    future.set_result(batch)
    return future


@contextmanager
def in_process(built_at: str, extractor: Extractor) -> Iterator[Submit]:
    yield lambda docs: _done(extract_batch(docs, built_at, extractor))


@contextmanager
def process_pool(built_at: str, extractor: Extractor, jobs: int) -> Iterator[Submit]:
    """A local pool; forkserver, so workers do not inherit the driver's store handle."""
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield lambda docs: pool.submit(extract_batch, docs, built_at, extractor)


@contextmanager
def dask_cluster(
    built_at: str, extractor: Extractor, jobs: int, scheduler: str | None
) -> Iterator[Submit]:
    """The same map on Dask: a scheduler at `scheduler`, else a local cluster on 127.0.0.1."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise KgError('--engine dask needs the Dask extra: pip install "kg[dask]"') from None

    def submitter(client: Any) -> Submit:
        return lambda docs: client.submit(extract_batch, docs, built_at, extractor, pure=False)

    if scheduler:
        with Client(scheduler) as client:
            yield submitter(client)
        return
    with (
        LocalCluster(
            n_workers=jobs,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield submitter(client)


def open_engine(
    engine: str, jobs: int, scheduler: str | None, built_at: str, extractor: Extractor
) -> AbstractContextManager[Submit]:
    if engine == "dask":
        return dask_cluster(built_at, extractor, jobs, scheduler)
    if engine != "local":
        raise KgError(f"unknown engine {engine!r}: use local or dask")
    if scheduler:
        raise KgError("--scheduler needs --engine dask")
    if jobs <= 1:
        return in_process(built_at, extractor)
    return process_pool(built_at, extractor, jobs)


def run_map(
    parts: Iterable[list[Document]],
    submit: Submit,
    jobs: int,
    take: Callable[[list[Document], Batch], None],
) -> None:
    """Submit batches with at most `IN_FLIGHT × jobs` waiting, and hand each result to `take` in
    submission order (so the outputs do not depend on which worker was faster)."""
    pending: deque[tuple[list[Document], TaskResult]] = deque()
    for part in parts:
        pending.append((part, submit(part)))
        if len(pending) >= IN_FLIGHT * max(jobs, 1):
            docs, task = pending.popleft()
            take(docs, task.result())
    while pending:
        docs, task = pending.popleft()
        take(docs, task.result())
