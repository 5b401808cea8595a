"""Published forms of a rendered report beside the .docx (PDF; one module per form)."""
