"""Work shared between forked processes (aktivitetsportal.parallel): same results, errors reach the build."""

from __future__ import annotations

import multiprocessing
import os
import time

import portal_feeds
import pytest
from aktivitetsportal.parallel import (
    WorkerFailed,
    available_cores,
    in_background,
    share_work,
    stop_group,
    wait_for_group,
)
from aktivitetsportal.settings import SettingsError
from pelican.writers import FileOverwriteFailedError
from sitebuild import DEMO_CONTENT, build_site

PARENT = os.getpid()


def _square_where(block: int) -> tuple[int, int]:
    time.sleep(0.01)  # long enough that the forked process takes some blocks
    return block * block, os.getpid()


def test_results_come_back_in_block_order_from_every_process():
    results = share_work(list(range(40)), _square_where, processes=2)
    assert [square for square, _ in results] == [n * n for n in range(40)]
    assert {pid for _, pid in results} - {PARENT}, "no block was done by a forked process"


def test_one_process_does_the_blocks_here_in_order():
    done = []
    results = share_work([3, 1, 2], lambda block: done.append(block) or block * 10, processes=1)
    assert results == [30, 10, 20] and done == [3, 1, 2]


def test_no_blocks_and_more_processes_than_blocks():
    assert share_work([], _square_where, processes=4) == []
    assert [square for square, _ in share_work([5], _square_where, processes=4)] == [25]


def _fails_in_the_child(block: int) -> int:
    if os.getpid() == PARENT:
        time.sleep(0.05)
        return block
    raise ValueError(f"block {block} cannot be rendered")


def test_an_error_in_a_forked_process_stops_the_build_with_its_traceback():
    with pytest.raises(WorkerFailed) as caught:
        share_work(list(range(10)), _fails_in_the_child, processes=2)
    assert "ValueError: block" in str(caught.value) and "cannot be rendered" in str(caught.value)


def _dies_in_the_child(block: int) -> int:
    if os.getpid() == PARENT:
        time.sleep(0.05)
        return block
    os._exit(3)


def test_a_forked_process_that_dies_is_an_error_not_lost_pages():
    with pytest.raises(WorkerFailed, match="exit code 3"):
        share_work(list(range(10)), _dies_in_the_child, processes=2)


def test_an_error_here_is_raised_as_it_is():
    def fails_here(block: int) -> int:
        if os.getpid() == PARENT:
            raise KeyError("here")
        time.sleep(0.01)
        return block

    with pytest.raises(KeyError, match="here"):
        share_work(list(range(10)), fails_here, processes=2)


def test_available_cores_is_at_least_one():
    assert available_cores() >= 1


@pytest.mark.parametrize("wrong", [0, -1, "2", True])
def test_a_wrong_process_count_stops_the_build(tmp_path, wrong):
    with pytest.raises(SettingsError, match="PORTAL_PROCESSES"):
        build_site(DEMO_CONTENT, tmp_path / "output", PORTAL_PROCESSES=wrong)


def _in_a_daemon(queue) -> None:
    queue.put(share_work([1, 2, 3], _square_where, processes=2))


def test_a_daemon_process_does_the_work_itself():
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    daemon = context.Process(target=_in_a_daemon, args=(queue,), daemon=True)
    daemon.start()
    results = queue.get(timeout=30)
    daemon.join()
    assert [square for square, _ in results] == [1, 4, 9]
    assert {pid for _, pid in results} == {daemon.pid}


@pytest.mark.parametrize("processes", [1, 3])
def test_a_content_page_at_a_portal_address_fails_as_in_one_process(content_copy, tmp_path, processes):
    """Pelican refuses to write a file twice also when another process wrote the first copy."""
    (content_copy / "pages" / "frivillig.md").write_text("Title: Frivillig\nSlug: frivillig\n\nTekst.\n", encoding="utf-8")
    with pytest.raises(FileOverwriteFailedError, match="nn/frivillig/index.html"):
        build_site(content_copy, tmp_path / "output", PORTAL_SEARCH=False, PORTAL_PROCESSES=processes)


def _slow_where(block: tuple[str, int]) -> int:
    time.sleep(0.2)  # the forked process starts long before this process is through its group
    return os.getpid()


def test_grouped_blocks_start_in_different_processes_and_come_back_in_order():
    blocks = [("nb", n) for n in range(4)] + [("en", n) for n in range(4)]
    pids = share_work(blocks, _slow_where, processes=2, group=lambda block: block[0])
    assert len(pids) == len(blocks)
    assert pids[0] == PARENT, "this process starts on the first group"
    assert pids[4] != PARENT, "the forked process starts on the second group, not the first"


def test_a_process_done_with_its_group_helps_with_the_others():
    blocks = [("nb", 0)] + [("en", n) for n in range(12)]
    results = share_work(blocks, _square_of_grouped, processes=2, group=lambda block: block[0])
    assert [square for square, _ in results] == [0] + [n * n for n in range(12)]
    assert sum(pid == PARENT for _, pid in results[1:]) >= 2, "this process did not help with the second group"


def _square_of_grouped(block: tuple[str, int]) -> tuple[int, int]:
    time.sleep(0.05)
    return block[1] * block[1], os.getpid()


def _write_marker(path) -> None:
    time.sleep(0.2)  # still running when in_background returns
    path.write_text(str(os.getpid()), encoding="utf-8")


def test_work_in_background_is_done_by_another_process_and_waited_for(tmp_path):
    marker = tmp_path / "written"
    background = in_background(lambda: _write_marker(marker), processes=2)
    assert not marker.exists(), "in_background waited for the work"
    background.wait()
    assert int(marker.read_text(encoding="utf-8")) != PARENT


def test_work_in_background_with_one_process_is_done_at_once(tmp_path):
    marker = tmp_path / "written"
    in_background(lambda: _write_marker(marker), processes=1)
    assert int(marker.read_text(encoding="utf-8")) == PARENT


def _fails() -> None:
    raise FileOverwriteFailedError("feeds/x.ics written twice")


def test_an_error_in_the_background_is_raised_when_its_group_is_waited_for(tmp_path):
    marker = tmp_path / "written"
    in_background(_fails, processes=2, group="output")
    in_background(lambda: _write_marker(marker), processes=2, group="output")
    with pytest.raises(WorkerFailed, match="written twice"):
        wait_for_group("output")
    assert marker.exists(), "the group's other work was not waited for"
    wait_for_group("output")  # waited for once: nothing left


def test_work_left_by_a_failed_build_is_stopped_and_not_waited_for(tmp_path):
    marker = tmp_path / "written"
    in_background(_fails, processes=2, group="output")
    in_background(lambda: _write_marker(marker), processes=2, group="output")
    stop_group("output")
    wait_for_group("output")  # no error of the stopped work
    assert not marker.exists()


@pytest.mark.parametrize("processes", [1, 2])
def test_a_feed_that_cannot_be_made_stops_the_build(tmp_path, monkeypatch, processes):
    def broken(*args, **kwargs):
        raise RuntimeError("no feeds today")

    monkeypatch.setattr(portal_feeds, "plan_feed_files", broken)
    with pytest.raises((WorkerFailed, RuntimeError), match="no feeds today"):
        build_site(DEMO_CONTENT, tmp_path / "output", PORTAL_SEARCH=False, PORTAL_PROCESSES=processes)
