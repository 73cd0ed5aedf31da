"""SPARQL servers for tests and benchmarks: Oxigraph server and Virtuoso, each started on
127.0.0.1 on a free port and stopped by its process id."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from unkg.remote import Credentials

VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DirsAllowed = ., {dir}
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listens on port {port} after {seconds} s")


def stop(process: subprocess.Popen) -> None:
    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()


@dataclass(frozen=True)
class Running:
    endpoint: str
    graph_store: str
    update_endpoint: str
    credentials: Credentials


@contextmanager
def oxigraph_server(folder: Path, union_default_graph: bool = False):
    binary = Path(sys.executable).with_name("oxigraph")
    if not binary.exists():
        raise RuntimeError("the oxigraph server is a test dependency: pip install '.[test]'")
    port = free_port()
    union = ["--union-default-graph"] if union_default_graph else []
    process = subprocess.Popen([str(binary), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}", *union],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, process)
        yield Running(f"http://127.0.0.1:{port}/query", f"http://127.0.0.1:{port}/store",
                      f"http://127.0.0.1:{port}/update", Credentials())
    finally:
        stop(process)


def virtuoso_binary() -> str | None:
    return shutil.which("virtuoso-t")


@contextmanager
def virtuoso_server(folder: Path):
    binary = virtuoso_binary()
    if binary is None:
        raise RuntimeError("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, http_port=http_port, sql_port=sql_port))
    process = subprocess.Popen([binary, "+configfile", str(ini), "+foreground"], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(http_port, process)
        yield Running(f"http://127.0.0.1:{http_port}/sparql",
                      f"http://127.0.0.1:{http_port}/sparql-graph-crud-auth",
                      f"http://127.0.0.1:{http_port}/sparql-auth",
                      Credentials("dba", "dba", scheme="digest"))  # a new database's administrator
    finally:
        stop(process)
