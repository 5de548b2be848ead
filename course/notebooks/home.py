# %% [markdown]
# <!-- The course's start page. Its text lives in course/content/home/; progress is read from answers files. -->

# %%
from coursekit.home import Home

Home().show()
