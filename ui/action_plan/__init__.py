"""The action plan page: the preview of what will print, the PDF, and 'given to the client'."""
