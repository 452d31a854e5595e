"""A built course site folder in, an LMS package (SCORM 1.2, SCORM 2004, cmi5) out.

Packaging is a step after the build, on the folder it wrote (MkDocs, ProperDocs
or a successor): `python -m microcourse.package --format FORMAT SITE_DIR OUT.zip`.
"""
