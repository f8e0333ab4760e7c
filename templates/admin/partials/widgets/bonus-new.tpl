<p class="form-text mb-2" data-bonus-widget-form="new">{{tx("bonus:widget.new.form-help")}}</p>
<div class="mb-3">
  <label class="form-label" for="bonus-widget-new-count">{{tx("bonus:widget.form-count")}}</label>
  <input class="form-control" type="number" min="1" max="10" step="1" id="bonus-widget-new-count" name="count" placeholder="3">
</div>
