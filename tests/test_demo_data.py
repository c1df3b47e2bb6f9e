"""The demo database reads in Vietnamese, chatter included: the demo's records
are made in Vietnamese, with no "… created" notes in English (issue 14)."""

import os
import re

import psycopg2
import pytest

ENGLISH = re.compile(
    r" created</p>|Score confirmed|Moved from|Merged into|merged into this|points, ", re.IGNORECASE
)


@pytest.fixture(scope="module")
def demo_db():
    """The database the README's test command installs with demo data."""
    name = os.environ.get("PARTY_TEST_DB", "party_cell_meeting_test") + "_demo"
    connection = psycopg2.connect(dbname=name)
    yield connection.cursor()
    connection.close()


def test_the_chatter_of_the_demo_reads_in_vietnamese(demo_db):
    demo_db.execute("SELECT body FROM mail_message WHERE model LIKE 'party.%%'")
    bodies = [body for (body,) in demo_db.fetchall()]
    assert len(bodies) >= 10, "the demo's reorganization and scores leave messages"
    english = [body for body in bodies if ENGLISH.search(body)]
    assert not english, english[:5]
    assert any("điểm" in body for body in bodies)
    assert any("Đã chuyển từ" in body for body in bodies)


def test_the_demo_users_work_in_vietnamese(demo_db):
    demo_db.execute(
        """SELECT u.login, p.lang, p.tz FROM res_users u JOIN res_partner p ON p.id = u.partner_id
            WHERE u.login IN ('vanphong.tinh', 'vanphong.hoalu', 'canbo.demo', 'bithu.demo',
                              'dangvien.demo')"""
    )
    users = demo_db.fetchall()
    assert len(users) == 5
    assert {(lang, tz) for _login, lang, tz in users} == {("vi_VN", "Asia/Ho_Chi_Minh")}
