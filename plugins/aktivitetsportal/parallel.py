"""Share independent work (pages to render, files to read) between forked processes.

A build plans everything once in memory; rendering a page or reading a file needs only that
plan and writes nothing another page reads. So the work is cut into blocks, and this process
and ``processes - 1`` forked copies of it take the next block from a shared counter until none
is left (a slow block does not hold the others up). Forking shares the plan without copying
or pickling it; only each block's result comes back, pickled. Blocks may be grouped (the
pages of one language): each process then starts on a group of its own and helps with the
others only when its own are done, so what a process keeps in memory for one group (rendered
rows and cards) serves most of its blocks. Where ``fork`` is not available
(Windows), in a daemon process, or where one process is asked for, the blocks are done here,
in order: the results, and anything the work writes, are the same either way.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import traceback
from collections.abc import Callable, Hashable, Sequence
from typing import ClassVar, TypeVar

__all__ = ["Background", "WorkerFailed", "available_cores", "in_background", "processes_for", "share_work",
           "stop_group", "wait_for_group"]

Block = TypeVar("Block")
Result = TypeVar("Result")


class WorkerFailed(RuntimeError):
    """A forked process stopped with an error (its traceback is the message) or died."""


def available_cores() -> int:
    """The cores this process may run on (a container's limit, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def processes_for(wanted) -> int:
    """The processes a build uses: ``wanted`` (PORTAL_PROCESSES), or every core it may use for None."""
    if wanted is None:
        return available_cores()
    if isinstance(wanted, bool) or not isinstance(wanted, int) or wanted < 1:
        raise ValueError(f"PORTAL_PROCESSES must be a whole number from 1, not {wanted!r}")
    return wanted


def share_work(blocks: Sequence[Block], work: Callable[[Block], Result], processes: int,
               group: Callable[[Block], Hashable] | None = None) -> list[Result]:
    """``[work(block) for block in blocks]``, done by up to ``processes`` processes at once.

    ``work`` runs in a forked child for some blocks: what it changes in memory stays there,
    so it must return all the caller needs (and that must pickle). With ``group``, the blocks
    of a group are taken in order, and the processes start on groups spread over the list.
    """
    processes = min(processes, len(blocks))
    if (processes <= 1 or "fork" not in multiprocessing.get_all_start_methods()
            or multiprocessing.current_process().daemon):  # a daemon may not start processes
        return [work(block) for block in blocks]
    context = multiprocessing.get_context("fork")
    groups = _grouped(blocks, group)
    taken = context.Array("i", len(groups))  # blocks taken so far, per group

    def take_blocks(worker: int) -> dict[int, Result]:
        done = {}
        first = worker * len(groups) // processes
        for turn in range(len(groups)):
            slot = (first + turn) % len(groups)
            members = groups[slot]
            while True:
                with taken.get_lock():
                    position = taken[slot]
                    taken[slot] += 1
                if position >= len(members):
                    break
                done[members[position]] = work(blocks[members[position]])
        return done

    def child(pipe, worker: int) -> None:
        try:
            pipe.send(("done", take_blocks(worker)))
        except BaseException:  # noqa: B036 - everything must reach the parent, which re-raises
            pipe.send(("failed", traceback.format_exc()))

    children = []
    # Python's collector writes to every object it scans: in a forked copy that would copy the
    # plan's memory pages one by one. Frozen objects are not scanned (see gc.freeze()).
    frozen_by_caller = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        for worker in range(1, processes):
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=child, args=(sender, worker), daemon=True)
            process.start()
            sender.close()
            children.append((process, receiver))
        results = take_blocks(0)
        for process, receiver in children:
            try:
                outcome, payload = receiver.recv()
            except EOFError:
                process.join()
                raise WorkerFailed(f"a build process ended without a result (exit code {process.exitcode})") from None
            if outcome == "failed":
                raise WorkerFailed(f"a build process failed:\n{payload}")
            results.update(payload)
            process.join()
    finally:
        for process, _ in children:
            if process.is_alive():
                process.terminate()
                process.join()
        if not frozen_by_caller:
            gc.unfreeze()
    return [results[index] for index in range(len(blocks))]


class Background:
    """Work started by :func:`in_background`: :meth:`wait` for it before the build ends."""

    #: Started and still running, as far as this process knows; whether the first froze the collector.
    running: ClassVar[list[Background]] = []
    froze: ClassVar[bool] = False
    #: Started and not yet waited for, by group (a build's output folder).
    started: ClassVar[dict[str, list[Background]]] = {}

    def __init__(self, process=None, receiver=None) -> None:
        self._process, self._receiver = process, receiver

    def wait(self) -> None:
        """Return when the work is done; raise WorkerFailed if it failed. Waits once."""
        process, self._process = self._process, None
        if process is None:
            return
        try:
            try:
                failure = self._receiver.recv()
            except EOFError:
                process.join()
                raise WorkerFailed(f"a build process ended without a result (exit code {process.exitcode})") from None
            if failure is not None:
                raise WorkerFailed(f"a build process failed:\n{failure}")
            process.join()
        finally:
            if process.is_alive():
                process.terminate()
                process.join()
            _forget(lambda background: background is self)


def _forget(done: Callable[[Background], bool]) -> None:
    """Drop finished work from Background.running; thaw the collector once none runs."""
    Background.running[:] = [background for background in Background.running if not done(background)]
    if not Background.running and Background.froze:
        Background.froze = False
        gc.unfreeze()


def in_background(work: Callable[[], None], processes: int, group: str = "") -> Background:
    """Start ``work()`` in a forked process and return at once; wait for it later, alone or
    with the rest of its ``group`` (:func:`wait_for_group`).

    For work that only writes files (feeds, open data) while this process goes on with the
    build. With one process (or no ``fork``) the work is done here, before this returns.
    """
    if (processes <= 1 or "fork" not in multiprocessing.get_all_start_methods()
            or multiprocessing.current_process().daemon):
        work()
        return Background()
    context = multiprocessing.get_context("fork")

    def child(pipe) -> None:
        try:
            work()
            pipe.send(None)
        except BaseException:  # noqa: B036 - everything must reach the parent, which re-raises
            pipe.send(traceback.format_exc())

    # Work a failed build never waited for has ended by now, or ends with the new one.
    _forget(lambda background: background._process is None or not background._process.is_alive())
    # Frozen (see share_work) until no work runs in the background: the collector here would
    # copy the memory the forked processes still share.
    if not Background.running:
        Background.froze = gc.get_freeze_count() == 0
    gc.freeze()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=child, args=(sender,), daemon=True)
    try:
        process.start()
    except BaseException:
        _forget(lambda background: False)  # thaws the collector if nothing else runs
        raise
    sender.close()
    background = Background(process, receiver)
    Background.running.append(background)
    Background.started.setdefault(group, []).append(background)
    return background


def stop_group(group: str) -> None:
    """Stop the work of ``group`` nobody waited for (a build that failed half-way): a new
    build of the same output folder is starting."""
    for background in Background.started.pop(group, []):
        process, background._process = background._process, None
        if process is not None:
            process.terminate()
            process.join()
    _forget(lambda background: background._process is None)


def wait_for_group(group: str) -> None:
    """Wait for all the work started in ``group``; raise WorkerFailed for the first that failed."""
    failure = None
    for background in Background.started.pop(group, []):
        try:
            background.wait()
        except WorkerFailed as error:
            failure = failure or error
    if failure is not None:
        raise failure


def _grouped(blocks: Sequence[Block], group: Callable[[Block], Hashable] | None) -> list[list[int]]:
    """The blocks' indexes by group, groups in order of first appearance (one group if none)."""
    if group is None:
        return [list(range(len(blocks)))]
    groups: dict[Hashable, list[int]] = {}
    for index, block in enumerate(blocks):
        groups.setdefault(group(block), []).append(index)
    return list(groups.values())
