SELECT mart.refresh()
