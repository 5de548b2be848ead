"""An nbgrader exchange that knows learners by their JupyterHub token, not by their Unix user.

service.py is the JupyterHub service that keeps released assignments, hand-ins and feedback;
client.py holds nbgrader's exchange classes that talk to it (named in deploy/nbgrader_config.py).
"""
