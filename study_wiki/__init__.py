"""스터디 위키: the build extensions, helpers and command-line tools of the site."""
