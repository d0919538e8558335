"""The pipeline dashboard and the HUD-9902 page: cached report data, the pipeline view, the 9902 view."""
