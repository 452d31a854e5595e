"""Media tools: probing video files, and the narrated sample videos."""
