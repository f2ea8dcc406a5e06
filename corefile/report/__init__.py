"""Where findings go: the terminal formats (full, concise, json) and the CI formats (JSON lines,
SARIF 2.1.0, GitHub workflow commands, JUnit XML, GitLab Code Quality).
"""
