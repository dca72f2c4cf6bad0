"""The test run's shared resources: the one Neo4j started for it is stopped at the end, whatever happened."""

from store_graph import stop_session_neo4j


def pytest_sessionfinish(session, exitstatus) -> None:
    stop_session_neo4j()
