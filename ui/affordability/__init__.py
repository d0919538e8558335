"""The affordability page (how much house a family can afford): inputs, cost panel, results, heavier panels, charts."""
