// previews: filled below
