"""The workshop and attendance pages: a module shown slide by slide, and the attendance record with certificates."""
