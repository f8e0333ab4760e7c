<p class="form-text mb-2" data-bonus-widget-form="top">{{tx("bonus:widget.top.form-help")}}</p>
<div class="mb-2">
  <label class="form-label" for="bonus-widget-top-kind">{{tx("bonus:widget.top.form-kind")}}</label>
  <select class="form-select" id="bonus-widget-top-kind" name="kind">
    <option value="week">{{tx("bonus:widget.top.week")}}</option>
    <option value="month">{{tx("bonus:widget.top.month")}}</option>
  </select>
</div>
<div class="mb-3">
  <label class="form-label" for="bonus-widget-top-count">{{tx("bonus:widget.form-count")}}</label>
  <input class="form-control" type="number" min="1" max="10" step="1" id="bonus-widget-top-count" name="count" placeholder="3">
</div>
