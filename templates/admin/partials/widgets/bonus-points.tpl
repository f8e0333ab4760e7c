<p class="form-text mb-3" data-bonus-widget-form="points">{{tx("bonus:widget.points.form-help")}}</p>
