"""The one exception type users see.

Every problem with user input (a corpus folder, a file given on the command line) is raised as
``InputError`` with a message of one line that names the file or doc_id and the problem, so the
command line can print it without a traceback and a notebook shows something a student can act on.
"""


class InputError(ValueError):
    """Bad input: the message is one line naming the file (or doc_id) and what is wrong."""

    def __init__(self, where: str, problem: str):
        self.where = str(where)
        self.problem = problem
        super().__init__(f"{self.where}: {problem}")
